import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsUUID, Matches, ValidateBy, ValidateIf, ValidationArguments } from 'class-validator';
import { SHIPPING_ROUTES, ShippingRoute } from '../facility.types.js';

export class DeliveryZoneParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;

  @ApiProperty({ enum: SHIPPING_ROUTES })
  @IsIn(SHIPPING_ROUTES)
  route!: ShippingRoute;
}

/** `{ wholeCountry: true }`, or `{ wholeCountry: false, provinces: ["63", "62"] }`. */
export class SetDeliveryZoneDto {
  @ApiProperty({ description: 'True: every province; false: only `provinces`' })
  @IsBoolean()
  wholeCountry!: boolean;

  @ApiPropertyOptional({ type: [String], example: ['63'], description: 'Kemendagri province codes; required (at least one) when wholeCountry is false, not allowed when true' })
  @ValidateIf((dto: SetDeliveryZoneDto) => dto.wholeCountry === false || dto.provinces !== undefined)
  @ProvincesFitWholeCountry()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(38)
  @Matches(/^\d{2}$/, { each: true, message: 'each province must be a two-digit Kemendagri code (63)' })
  provinces?: string[];
}

/** A whole-country zone lists no provinces (they would be silently ignored); a limited one needs them. */
function ProvincesFitWholeCountry(): PropertyDecorator {
  return ValidateBy({
    name: 'provincesFitWholeCountry',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => ((args?.object as SetDeliveryZoneDto | undefined)?.wholeCountry === true ? value === undefined : value !== undefined && value !== null),
      defaultMessage: (args?: ValidationArguments) =>
        (args?.object as SetDeliveryZoneDto | undefined)?.wholeCountry === true ? 'provinces is not allowed when wholeCountry is true' : 'provinces is required when wholeCountry is false',
    },
  });
}
