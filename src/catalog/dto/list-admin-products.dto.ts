import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { PRODUCT_STATUSES, ProductStatus } from '../catalog.types.js';

/** YYYY-MM-DD naming a day that exists (not 2027-02-30). */
function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
}

const booleanQuery = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class ListAdminProductsDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @ApiPropertyOptional({ enum: PRODUCT_STATUSES })
  @IsOptional()
  @IsIn(PRODUCT_STATUSES)
  status?: ProductStatus;

  @ApiPropertyOptional({ description: 'Matches the name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'Include deleted products (tombstones)' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  includeDeleted?: boolean;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1_000_000, description: 'Only products with at most this many in stock (low stock)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  stockAtMost?: number;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2027-01-31',
    description: 'Only products with a permit or certificate (SPP-IRT, BPOM, halal ...) valid until a day before this date: about to expire, or expired already',
  })
  @IsOptional()
  @ValidateBy({ name: 'isCalendarDate', validator: { validate: isCalendarDate, defaultMessage: () => 'must be a date as YYYY-MM-DD' } })
  permitExpiresBefore?: string;

  @ApiPropertyOptional({ description: 'Also count every product that matches (`total`), as API.md allows for lists' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  includeTotal?: boolean;
}
