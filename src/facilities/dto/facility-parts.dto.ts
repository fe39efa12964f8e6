import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { OptionalNotNull } from '../../common/validation/optional-not-null.js';
import { COURIERS, Courier } from '../facility.types.js';

export class AddressDto {
  @ApiProperty({ example: 'Jl. Pramuka No. 12, Teluk Dalam' })
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  line!: string;

  @ApiProperty({ example: 'Banjarmasin' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  city!: string;

  @ApiPropertyOptional({ type: String, example: '70117', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(/^\d{5}$/, { message: 'must be a 5-digit postal code' })
  postalCode?: string | null;
}

export class ContactDto {
  @ApiPropertyOptional({ type: String, example: '(0511) 3252123', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(/^[0-9+() -]{6,24}$/, { message: 'must be a phone number' })
  phone?: string | null;

  @ApiPropertyOptional({ type: String, example: 'humas@lapasbanjarmasin.go.id', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsEmail()
  @MaxLength(254)
  email?: string | null;
}

export class GeoPointDto {
  @ApiProperty({ example: -3.3186 })
  @IsLatitude()
  latitude!: number;

  @ApiProperty({ example: 114.5944 })
  @IsLongitude()
  longitude!: number;
}

export class OutletDto {
  @ApiPropertyOptional({ type: String, example: 'Galeri WBP Lapas Banjarmasin', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(200)
  name?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Senin-Jumat 08.00-15.00 WITA', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(200)
  openingHours?: string | null;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  pickupAvailable?: boolean;
}

export class ShippingDto {
  @ApiPropertyOptional({ description: 'Integer rupiah per shipment', example: 10000 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  baseFee?: number;

  @ApiPropertyOptional({ description: 'Integer rupiah per started kilogram', example: 8000 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  perKgFee?: number;

  @ApiPropertyOptional({ enum: COURIERS, isArray: true, maxItems: COURIERS.length })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(COURIERS.length)
  @ArrayUnique()
  @IsIn(COURIERS, { each: true })
  couriers?: Courier[];

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  localDelivery?: boolean;
}
