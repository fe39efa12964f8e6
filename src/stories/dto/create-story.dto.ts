import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PROGRAMS, type Program } from '../../catalog/catalog.types.js';
import { OptionalNotNull } from '../../common/validation/optional-not-null.js';
import { Trim } from '../../common/validation/trim.js';

export const TAG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const lowercaseTags = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? value.map((tag: unknown) => (typeof tag === 'string' ? tag.trim().toLowerCase() : tag)) : value;

export class CreateStoryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Required unless you are a facility admin (then: your facility)' })
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @ApiProperty({ example: 'Pagi di Dapur Roti Lapas Banjarmasin', minLength: 5, maxLength: 160 })
  @Trim()
  @IsString()
  @MinLength(5)
  @MaxLength(160)
  title!: string;

  @ApiProperty({ description: 'Markdown; rendered and sanitised on save. Images only from our media store.', maxLength: 50000 })
  @IsString()
  @MinLength(1)
  @MaxLength(50_000)
  markdown!: string;

  @ApiPropertyOptional({ description: 'One or two sentences for lists and previews', maxLength: 300 })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @MaxLength(300)
  excerpt?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 20, description: 'Products of the same facility the story is about (at most 20)' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  productIds?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: 10, example: ['roti', 'pelatihan'], description: 'Lowercase words or hyphenated slugs (at most 10)' })
  @OptionalNotNull()
  @Transform(lowercaseTags)
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  @Matches(TAG_PATTERN, { each: true, message: 'each tag must be lowercase letters, digits and single hyphens' })
  tags?: string[];

  @ApiPropertyOptional({ enum: PROGRAMS, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsIn(PROGRAMS)
  program?: Program | null;

  @ApiPropertyOptional({ default: false, description: 'The story is about one maker: publishing then needs a STORY consent record (never at an LPKA)' })
  @OptionalNotNull()
  @IsBoolean()
  featuresIndividual?: boolean;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Consent record (scope STORY) of the maker the story features' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  consentRecordId?: string | null;
}
