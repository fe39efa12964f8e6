import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const TOUCHES = ['last', 'first'] as const;
export type Touch = (typeof TOUCHES)[number];

export class CampaignSummaryQueryDto {
  @ApiPropertyOptional({ enum: TOUCHES, default: 'last', description: 'Attribute orders by the last share link that brought the shopper (default) or the first' })
  @IsOptional()
  @IsIn(TOUCHES)
  touch?: Touch;
}
