import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REPORT_GROUPS, type ReportGroup } from './report.types.js';

export class ReportMeasuresView {
  @ApiProperty({ description: 'Orders with a sale in the period (distinct)' }) orders!: number;
  @ApiProperty({ description: 'Items sold, net of refunded items' }) items!: number;
  @ApiProperty({ description: 'Integer rupiah sold (before refunds)' }) gross!: number;
  @ApiProperty({ description: 'Integer rupiah refunded in the period' }) refunds!: number;
  @ApiProperty({ description: 'Cost of goods, net of refunds' }) cost!: number;
  @ApiProperty({ description: 'Profit, net of refunds' }) profit!: number;
  @ApiProperty({ description: 'Inmate wage share (premi)' }) premi!: number;
  @ApiProperty({ description: 'State non-tax revenue (PNBP)' }) pnbp!: number;
  @ApiProperty({ description: 'Working capital' }) capital!: number;
}

export class SalesReportRowView extends ReportMeasuresView {
  @ApiPropertyOptional({ format: 'uuid' }) facilityId?: string;
  @ApiPropertyOptional() facilityName?: string;
  @ApiPropertyOptional({ example: 'kalsel' }) kanwilCode?: string;
  @ApiPropertyOptional() kanwilName?: string;
  @ApiPropertyOptional() program?: string;
  @ApiPropertyOptional() categorySlug?: string;
  @ApiPropertyOptional() categoryName?: string;
  @ApiPropertyOptional({ format: 'uuid' }) productId?: string;
  @ApiPropertyOptional() productName?: string;
  @ApiPropertyOptional({ example: '2026-11' }) month?: string;
}

export class SalesReportView {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ enum: REPORT_GROUPS, isArray: true }) groupBy!: ReportGroup[];
  @ApiProperty({ enum: ['IDR'] }) currency!: 'IDR';
  @ApiProperty({ type: [SalesReportRowView] }) data!: SalesReportRowView[];
  @ApiProperty({ type: ReportMeasuresView }) totals!: ReportMeasuresView;
}

export class PnbpReportLineView extends ReportMeasuresView {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() productName!: string;
  @ApiProperty({ description: 'The programme the sales on this line were made under' }) program!: string;
}

/** A facility's monthly sales and PNBP, in the shape it files (SAE / UMKM sales report). */
export class PnbpReportView {
  @ApiProperty({ format: 'uuid' }) facilityId!: string;
  @ApiProperty() facilityName!: string;
  @ApiProperty() kanwilName!: string;
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ enum: ['IDR'] }) currency!: 'IDR';
  @ApiProperty({ type: [PnbpReportLineView] }) lines!: PnbpReportLineView[];
  @ApiProperty({ type: ReportMeasuresView }) totals!: ReportMeasuresView;
  @ApiProperty({ description: 'PNBP to deposit to the state treasury for the month (= totals.pnbp)' }) pnbpToDeposit!: number;
}
