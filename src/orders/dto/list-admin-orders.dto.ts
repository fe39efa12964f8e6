import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { Trim } from '../../common/validation/trim.js';
import { FULFILMENT_STATUSES, FulfilmentStatus, ORDER_STATUSES, OrderStatus } from '../order.types.js';

export class ListAdminOrdersDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;

  @ApiPropertyOptional({
    enum: FULFILMENT_STATUSES,
    description:
      'Orders with a fulfilment in your scope (and at `facilityId` when given) in this status: PROCESSING is paid and waiting to be packed and shipped',
  })
  @IsOptional()
  @IsIn(FULFILMENT_STATUSES)
  fulfilmentStatus?: FulfilmentStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Orders with a fulfilment at this facility' })
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({
    description: 'Order number prefix (e.g. ETL-2026-0001) or the customer email (prefix); facility admins search by order number only',
    minLength: 2,
    maxLength: 120,
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  q?: string;
}
