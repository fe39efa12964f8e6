import { ApiProperty } from '@nestjs/swagger';

export class ImpactNumbersView {
  @ApiProperty({ description: 'Active facilities' }) facilities!: number;
  @ApiProperty({ description: 'Products on sale now' }) products!: number;
  @ApiProperty({ description: 'Items sold, net of refunds' }) itemsSold!: number;
  @ApiProperty({ description: 'Integer rupiah, net of refunds' }) revenue!: number;
  @ApiProperty({ description: 'Integer rupiah paid to makers (premi), net of refunds' }) premiPaid!: number;
  @ApiProperty({ description: 'Kilograms of food-security produce sold (FOOD products by weight), one decimal' }) foodKgSold!: number;
  @ApiProperty({ description: 'Stories published now' }) storiesPublished!: number;
}

export class RegionImpactView extends ImpactNumbersView {
  @ApiProperty({ example: 'kalsel' }) kanwilCode!: string;
  @ApiProperty({ example: 'Kanwil Kemenkumham Kalimantan Selatan' }) name!: string;
}

/** GET /impact: national totals as top-level numbers (API.md), and the same per Kanwil. */
export class ImpactView extends ImpactNumbersView {
  @ApiProperty({ enum: ['IDR'] }) currency!: 'IDR';
  @ApiProperty({ format: 'date-time', description: 'When these numbers were computed' }) updatedAt!: string;
  @ApiProperty({ type: [RegionImpactView] }) byRegion!: RegionImpactView[];
}
