import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { type Touch, TOUCHES } from '../../campaigns/dto/campaign-summary-query.dto.js';
import { VisitsQueryDto } from '../../visits/dto/visits-query.dto.js';

/** Period and scope as for visits, plus which touch orders are attributed by. */
export class DashboardQueryDto extends VisitsQueryDto {
  @ApiPropertyOptional({ enum: TOUCHES, default: 'last', description: 'Attribute orders by the last share link that brought the shopper (default) or the first' })
  @IsOptional()
  @IsIn(TOUCHES)
  touch?: Touch;
}
