import { ApiProperty } from '@nestjs/swagger';
import { RANKING_LEVELS, type RankingLevel } from './dto/ranking-query.dto.js';

export class RankingWeightsView {
  @ApiProperty({ example: 40 }) odon!: number;
  @ApiProperty({ example: 20 }) uniqueVisitors!: number;
  @ApiProperty({ example: 20 }) orders!: number;
  @ApiProperty({ example: 20 }) newListings!: number;
}

export class RankingEntryView {
  @ApiProperty({ description: '1 for the best; equal scores share a rank (1, 1, 3)' }) rank!: number;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Composite score 0-100, 2 decimals (see scoreWeights)' }) score!: number;
  @ApiProperty({ description: 'Active facilities (units) counted for the ODON target' }) units!: number;
  @ApiProperty() storiesPublished!: number;
  @ApiProperty({ description: 'units x days of the month (up to today for the current month)' }) odonTarget!: number;
  @ApiProperty({ description: 'storiesPublished / odonTarget, not capped (the score caps it at 1)' }) odonAttainment!: number;
  @ApiProperty({ description: 'Daily unique visitors added up over the days (not different people)' }) dailyUniqueVisitorsSummed!: number;
  @ApiProperty({ description: 'Orders placed with goods of the unit' }) orders!: number;
  @ApiProperty() productsNewlyListed!: number;
}

export class HumasRankingView {
  @ApiProperty({ example: '2026-11' }) period!: string;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date', description: 'Last day measured: the month end, or today for the current month' }) to!: string;
  @ApiProperty({ enum: RANKING_LEVELS }) level!: RankingLevel;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The Kanwil whose facilities are ranked; null for a national list' }) kanwilId!: string | null;
  @ApiProperty({ description: 'How many offices the list ranks' }) total!: number;
  @ApiProperty({
    type: RankingWeightsView,
    description:
      'score = odon x min(1, odonAttainment) + uniqueVisitors x (dailyUniqueVisitorsSummed / best) + orders x (orders / best) + newListings x (productsNewlyListed / best); "best" is the highest of the list, a measure nobody has scores 0',
  })
  scoreWeights!: RankingWeightsView;
  @ApiProperty({
    type: [RankingEntryView],
    description: 'Best first. National staff (and a regional admin for its own facilities) see the whole list; any other office only its own place (rank of total)',
  })
  entries!: RankingEntryView[];
}
