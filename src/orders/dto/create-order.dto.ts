import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsEmail,
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
  ValidateBy,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import { Trim } from '../../common/validation/trim.js';
import { DELIVERY_METHODS, DeliveryMethod } from '../order.types.js';

export const MAX_ORDER_LINES = 50;
export const MAX_LINE_QUANTITY = 999;

const PHONE = /^\+?[0-9 ()-]{6,20}$/;

export class OrderLineDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  productId!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_LINE_QUANTITY, example: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  quantity!: number;
}

export class CustomerDto {
  @ApiProperty({ example: 'Siti Rahmawati' })
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name!: string;

  @ApiProperty({ example: 'siti@example.com' })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: '+62 812 3456 7890' })
  @Trim()
  @Matches(PHONE, { message: 'must be a phone number' })
  phone!: string;
}

/** Where a SHIPPING order goes (named apart from the facilities' AddressDto: one schema name each in the document). */
export class ShippingAddressDto {
  @ApiProperty({ example: 'Siti Rahmawati' })
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  recipient!: string;

  @ApiProperty({ example: '+62 812 3456 7890' })
  @Trim()
  @Matches(PHONE, { message: 'must be a phone number' })
  phone!: string;

  @ApiProperty({ example: 'Jl. Lambung Mangkurat No. 10' })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  line1!: string;

  @ApiPropertyOptional({ example: 'RT 03 / RW 02' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  line2?: string;

  @ApiProperty({ example: 'Banjarmasin' })
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  city!: string;

  @ApiProperty({ example: 'Kalimantan Selatan', description: 'A province name, ISO code (ID-KS) or Kemendagri code (63); delivery zones are matched against it' })
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  province!: string;

  @ApiProperty({ example: '70111' })
  @Trim()
  @Matches(/^\d{5}$/, { message: 'must be a five-digit postal code' })
  postalCode!: string;
}

export class DeliveryDto {
  @ApiProperty({ enum: DELIVERY_METHODS, description: 'PICKUP only where the facility offers it; services and food need PICKUP unless the facility delivers locally and the address is inside its local delivery zone (422 OUTSIDE_DELIVERY_ZONE otherwise)' })
  @IsIn(DELIVERY_METHODS)
  method!: DeliveryMethod;

  @ApiPropertyOptional({ type: ShippingAddressDto, description: 'Required for SHIPPING, not allowed for PICKUP' })
  @ValidateIf((delivery: DeliveryDto) => delivery.method === 'SHIPPING' || delivery.address !== undefined)
  @AddressFitsMethod()
  @ValidateNested()
  @Type(() => ShippingAddressDto)
  address?: ShippingAddressDto;
}

/** SHIPPING needs an address; PICKUP must not carry one (it would be silently ignored). */
function AddressFitsMethod(): PropertyDecorator {
  return ValidateBy({
    name: 'addressFitsMethod',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const method = (args?.object as DeliveryDto | undefined)?.method;
        return method === 'PICKUP' ? value === undefined : value !== undefined && value !== null;
      },
      defaultMessage: (args?: ValidationArguments) =>
        (args?.object as DeliveryDto | undefined)?.method === 'PICKUP' ? 'address is not allowed for PICKUP' : 'address is required for SHIPPING',
    },
  });
}

export class CreateOrderDto {
  @ApiProperty({ type: [OrderLineDto], minItems: 1, maxItems: MAX_ORDER_LINES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_LINES)
  @ArrayUnique((line: OrderLineDto) => line.productId, { message: 'must not list the same product twice' })
  @ValidateNested({ each: true })
  @Type(() => OrderLineDto)
  items!: OrderLineDto[];

  @ApiProperty({ type: CustomerDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => CustomerDto)
  customer!: CustomerDto;

  @ApiProperty({ type: DeliveryDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => DeliveryDto)
  delivery!: DeliveryDto;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  note?: string;
}
