import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { SLUG_PATTERN } from '../../common/text/slug.js';
import { OptionalNotNull } from '../../common/validation/optional-not-null.js';
import { Trim } from '../../common/validation/trim.js';
import { PRODUCT_KINDS, PROGRAMS, ProductKind, Program } from '../catalog.types.js';
import { CertificateDto } from './certificate.dto.js';

export const MAX_PRICE = 1_000_000_000;

export class CreateProductDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Required unless you are a facility admin (then: your facility)' })
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @ApiProperty({ example: 'sasirangan', description: 'Category slug' })
  @Matches(SLUG_PATTERN, { message: 'must be a category slug' })
  @MaxLength(80)
  category!: string;

  @ApiProperty({ enum: PROGRAMS })
  @IsIn(PROGRAMS)
  program!: Program;

  @ApiProperty({ enum: PRODUCT_KINDS, description: 'GOODS ship; FOOD needs a valid permit; SERVICE is booked, never shipped' })
  @IsIn(PRODUCT_KINDS)
  kind!: ProductKind;

  @ApiProperty({ example: 'Kain Sasirangan Motif Gigi Haruan' })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(150)
  name!: string;

  @ApiPropertyOptional({ description: 'Defaults to a slug of the name' })
  @OptionalNotNull()
  @Matches(SLUG_PATTERN, { message: 'must be lowercase letters, digits and single hyphens' })
  @MaxLength(120)
  slug?: string;

  @ApiPropertyOptional({ description: 'Markdown', maxLength: 20000 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(20_000)
  description?: string;

  @ApiProperty({ description: 'Integer rupiah', example: 150000 })
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE)
  price!: number;

  @ApiPropertyOptional({ type: Number, description: 'Integer rupiah per unit (admin-only; feeds the revenue split)', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE)
  unitCost?: number | null;

  @ApiPropertyOptional({ default: 0 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  stock?: number;

  @ApiPropertyOptional({ default: 0, description: 'Shipping weight in grams' })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  weightGrams?: number;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: 1,
    maximum: 999,
    description: 'Most units one order may take; null or absent: the default (ORDER_MAX_QUANTITY_PER_PRODUCT, 10). Buyers wanting more are sent to the facility',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(999)
  maxPerOrder?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Group credit; default "Bengkel kerja <facility>"' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(120)
  makerGroupName?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Individual credit through a consent record (never at an LPKA)' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  makerConsentId?: string | null;

  @ApiPropertyOptional({ type: [CertificateDto], maxItems: 20, description: 'Replaces the whole list when given' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CertificateDto)
  certificates?: CertificateDto[];

  @ApiPropertyOptional({ enum: ['DRAFT', 'PUBLISHED'], default: 'DRAFT' })
  @OptionalNotNull()
  @IsIn(['DRAFT', 'PUBLISHED'])
  status?: 'DRAFT' | 'PUBLISHED';
}
