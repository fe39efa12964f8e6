import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsDate, IsEmail, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PARTNER_SCOPES, type PartnerScope } from '../../auth/partner-caller.js';
import { OptionalNotNull } from '../../common/validation/optional-not-null.js';
import { Trim } from '../../common/validation/trim.js';
import { NoDefaults } from '../../common/openapi/no-defaults.js';

export class CreatePartnerDto {
  @ApiProperty({ example: 'Toko Karya Nusantara' })
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name!: string;

  @ApiProperty({ example: 'integrasi@karyanusantara.example' })
  @IsEmail()
  @MaxLength(254)
  contactEmail!: string;

  @ApiPropertyOptional({ default: 1200, minimum: 10, maximum: 100000, description: 'Requests per minute for each of its keys' })
  @OptionalNotNull()
  @IsInt()
  @Min(10)
  @Max(100_000)
  rateLimitPerMinute?: number;
}

export class UpdatePartnerDto extends NoDefaults(PartialType(CreatePartnerDto)) {
  @ApiPropertyOptional({ description: 'false stops every key of the partner at once' })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

export class CreateApiKeyDto {
  @ApiProperty({ enum: PARTNER_SCOPES, isArray: true, maxItems: PARTNER_SCOPES.length, example: ['catalog:read', 'orders:write', 'orders:read'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PARTNER_SCOPES.length)
  @ArrayUnique()
  @IsIn(PARTNER_SCOPES, { each: true })
  scopes!: PartnerScope[];

  @ApiPropertyOptional({ format: 'date-time', description: 'When the key stops working; none means until revoked' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  expiresAt?: Date;

  @ApiPropertyOptional({ example: 'production server', maxLength: 80 })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @MaxLength(80)
  label?: string;
}

export class RotateApiKeyDto {
  @ApiPropertyOptional({ default: 24, minimum: 0, maximum: 720, description: 'Hours the old key keeps working, so deployments can switch over' })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(720)
  graceHours?: number;
}
