import { ApiProperty } from '@nestjs/swagger';
import { HumasDashboardView } from './dashboard.views.js';
import { RankingEntryView } from './ranking.views.js';

export class ReportKanwilView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class NationalPlaceView {
  @ApiProperty() rank!: number;
  @ApiProperty({ description: 'Regional offices ranked' }) total!: number;
  @ApiProperty() score!: number;
}

/** A regional office's Humas month, for its head to sign and send upward. */
export class HumasMonthlyReportView {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ type: ReportKanwilView }) kanwil!: ReportKanwilView;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ type: HumasDashboardView, description: "The Kanwil's dashboard for the month (to today for the current month), last touch" }) summary!: HumasDashboardView;
  @ApiProperty({ type: NationalPlaceView, nullable: true, description: "The Kanwil's place among regional offices; null when it has no active facility" }) nationalPlace!: NationalPlaceView | null;
  @ApiProperty({ type: [RankingEntryView], description: "The Kanwil's facilities ranked among themselves" }) facilities!: RankingEntryView[];
}
