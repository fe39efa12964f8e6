import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { OptionalNotNull } from '../../common/validation/optional-not-null.js';
import { CreateFacilityDto } from './create-facility.dto.js';
import { AddressDto } from './facility-parts.dto.js';
import { NoDefaults } from '../../common/openapi/no-defaults.js';

class AddressPatchDto extends NoDefaults(PartialType(AddressDto, { skipNullProperties: false })) {}

/**
 * Every field optional; nested objects are merged field by field. Facility admins may change the
 * profile (description, address, contact, location, outlet, shipping) but not what the
 * organisation decides (slug, names, type, class, kind, province, active). Only fields whose column
 * takes null (postal code, contact, outlet texts, location) may be sent as null.
 */
export class UpdateFacilityDto extends NoDefaults(PartialType(OmitType(CreateFacilityDto, ['address'] as const), { skipNullProperties: false })) {
  @ApiPropertyOptional({ type: AddressPatchDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressPatchDto)
  address?: AddressPatchDto;

  @ApiPropertyOptional({ description: 'Inactive facilities disappear from public lists' })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

/** Fields only SUPERADMIN and REGIONAL_ADMIN may change. */
export const STATUS_FIELDS = ['slug', 'type', 'facilityClass', 'kind', 'name', 'shortName', 'provinceCode', 'active'] as const;
