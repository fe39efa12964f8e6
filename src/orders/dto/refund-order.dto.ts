import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Trim } from '../../common/validation/trim.js';

export class RefundLineDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  orderItemId!: string;

  @ApiProperty({ minimum: 1, maximum: 999, example: 1 })
  @IsInt()
  @Min(1)
  @Max(999)
  quantity!: number;
}

/** No items: refund everything not yet refunded, shipping included. Items: those units only. */
export class RefundOrderDto {
  @ApiPropertyOptional({ type: [RefundLineDto], minItems: 1, maxItems: 100 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RefundLineDto)
  items?: RefundLineDto[];

  @ApiPropertyOptional({ default: false, description: 'Put the refunded units back in stock' })
  @IsOptional()
  @IsBoolean()
  restock?: boolean;

  @ApiProperty({ maxLength: 500, example: 'Barang rusak saat pengiriman' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}
