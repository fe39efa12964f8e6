import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';

export const RANKING_LEVELS = ['kanwil', 'facility'] as const;
export type RankingLevel = (typeof RANKING_LEVELS)[number];

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export class RankingQueryDto {
  @ApiProperty({ example: '2026-11', description: 'Calendar month (WIB)' })
  @Matches(MONTH_PATTERN, { message: 'must be a month like 2026-11' })
  period!: string;

  @ApiPropertyOptional({ enum: RANKING_LEVELS, default: 'kanwil', description: 'Rank regional offices (default) or facilities' })
  @IsOptional()
  @IsIn(RANKING_LEVELS)
  level?: RankingLevel;

  @ApiPropertyOptional({ format: 'uuid', description: 'level=facility only: rank the facilities within this Kanwil (default: a regional admin\'s own; national staff without it rank all facilities)' })
  @IsOptional()
  @IsUUID()
  kanwilId?: string;
}
