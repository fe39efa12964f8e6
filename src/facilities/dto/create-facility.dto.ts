import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { SLUG_PATTERN } from '../../common/text/slug.js';
import { OptionalNotNull } from '../../common/validation/optional-not-null.js';
import { FACILITY_CLASSES, FACILITY_KINDS, FACILITY_TYPES, FacilityClass, FacilityKind, FacilityType } from '../facility.types.js';
import { AddressDto, ContactDto, GeoPointDto, OutletDto, ShippingDto } from './facility-parts.dto.js';

export class CreateFacilityDto {
  @ApiPropertyOptional({ description: 'Defaults to a slug of shortName', example: 'lapas-banjarmasin' })
  @OptionalNotNull()
  @Matches(SLUG_PATTERN, { message: 'must be lowercase letters, digits and single hyphens' })
  @MaxLength(80)
  slug?: string;

  @ApiProperty({ enum: FACILITY_TYPES })
  @IsIn(FACILITY_TYPES)
  type!: FacilityType;

  @ApiProperty({ enum: FACILITY_CLASSES })
  @IsIn(FACILITY_CLASSES)
  facilityClass!: FacilityClass;

  @ApiPropertyOptional({ enum: FACILITY_KINDS, default: 'UMUM' })
  @OptionalNotNull()
  @IsIn(FACILITY_KINDS)
  kind?: FacilityKind;

  @ApiProperty({ example: 'Lapas Kelas IIA Banjarmasin' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'Lapas Banjarmasin' })
  @IsString()
  @MinLength(3)
  @MaxLength(120)
  shortName!: string;

  @ApiProperty({ example: '63', description: 'Kemendagri province code; decides the Kanwil' })
  @Matches(/^\d{2}$/, { message: 'must be a 2-digit Kemendagri province code' })
  provinceCode!: string;

  @ApiProperty({ type: AddressDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;

  @ApiPropertyOptional({ type: ContactDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;

  @ApiPropertyOptional({ maxLength: 5000 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ type: GeoPointDto, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => GeoPointDto)
  location?: GeoPointDto | null;

  @ApiPropertyOptional({ type: OutletDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OutletDto)
  outlet?: OutletDto;

  @ApiPropertyOptional({ type: ShippingDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ShippingDto)
  shipping?: ShippingDto;
}
