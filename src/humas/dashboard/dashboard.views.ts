import { ApiProperty } from '@nestjs/swagger';
import { SHARE_CHANNELS, type ShareChannel } from '../campaigns/campaign.types.js';
import { ClicksByChannelView } from '../campaigns/campaign.views.js';
import { ViewsBySourceView, VisitScopeView } from '../visits/visits.views.js';

export class DashboardScopeView extends VisitScopeView {
  @ApiProperty({ description: 'The facility or Kanwil name; "Nasional" for the nation' }) name!: string;
}

export class OdonView {
  @ApiProperty({ description: 'Stories and news published in the period (also those archived since)' }) published!: number;
  @ApiProperty({ description: '"One Day One News": at least one item per unit (active facility) per day = units x days' }) target!: number;
  @ApiProperty({ description: 'published / target, 4 decimals, not capped at 1' }) attainment!: number;
  @ApiProperty({ description: 'Unit-days with at least one item published (at most the target)' }) unitDaysCovered!: number;
}

export class DashboardVisitsView {
  @ApiProperty({ description: 'Showcase page views by people (bots, prefetches and error pages excluded)' }) views!: number;
  @ApiProperty({ description: 'Daily unique visitors ADDED UP over the days: not different people (one person on two days counts twice; days are never linked, by design)' })
  dailyUniqueVisitorsSummed!: number;
  @ApiProperty({ type: ViewsBySourceView }) viewsBySource!: ViewsBySourceView;
}

export class DashboardClicksView {
  @ApiProperty({ description: "Clicks on the share links of the scope's campaigns (a Kanwil's include its facilities')" }) total!: number;
  @ApiProperty({ type: ClicksByChannelView }) byChannel!: ClicksByChannelView;
}

export const ORDER_SOURCES = [...SHARE_CHANNELS, 'NONE', 'REMOVED_LINK'] as const;
export type OrderSource = ShareChannel | 'NONE' | 'REMOVED_LINK';

export class OrderFiguresView {
  @ApiProperty({ description: 'Orders placed in the period with goods of the scope (any status)' }) orders!: number;
  @ApiProperty({ description: 'Orders paid in the period (refunded later included)' }) paidOrders!: number;
  @ApiProperty({ description: 'Goods of the scope in those paid orders, less refunded lines, shipping excluded; rupiah' }) paidRevenue!: number;
}

export class CampaignOrdersView extends OrderFiguresView {
  @ApiProperty({ format: 'uuid' }) campaignId!: string;
  @ApiProperty() campaignName!: string;
}

export class SourceOrdersView extends OrderFiguresView {
  @ApiProperty({ enum: ORDER_SOURCES, description: 'The share channel of the touch; NONE without one; REMOVED_LINK for a link deleted since' }) source!: OrderSource;
}

export class DashboardOrdersView extends OrderFiguresView {
  @ApiProperty({ enum: ['last', 'first'] }) touch!: 'last' | 'first';
  @ApiProperty({ nullable: true, type: Number, description: 'orders / views, 4 decimals; null without views' }) conversion!: number | null;
  @ApiProperty({ type: [CampaignOrdersView], description: 'Campaigns that brought orders or paid revenue, most orders first' }) byCampaign!: CampaignOrdersView[];
  @ApiProperty({ type: [SourceOrdersView], description: 'Every source, NONE included' }) bySource!: SourceOrdersView[];
  @ApiProperty({ enum: ['IDR'] }) currency!: 'IDR';
}

export class DashboardStoriesView {
  @ApiProperty() published!: number;
  @ApiProperty({ description: 'Stories approved in the period after a submission (first publication or an edit)' }) reviewed!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Median hours from submission to approval, 1 decimal; null without reviews' }) medianReviewHours!: number | null;
}

export class DashboardTrendView {
  @ApiProperty({ example: '2026-11-02', description: 'The ISO week by its Monday, or the month (2026-11)' }) period!: string;
  @ApiProperty({ format: 'date', description: 'First day of the bucket within the asked period' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty() storiesPublished!: number;
  @ApiProperty({ description: 'ODON target of these days' }) odonTarget!: number;
  @ApiProperty() views!: number;
  @ApiProperty() dailyUniqueVisitorsSummed!: number;
  @ApiProperty() clicks!: number;
  @ApiProperty() orders!: number;
  @ApiProperty() paidOrders!: number;
  @ApiProperty() paidRevenue!: number;
  @ApiProperty() productsNewlyListed!: number;
}

export class DashboardTrendsView {
  @ApiProperty({ type: [DashboardTrendView] }) weekly!: DashboardTrendView[];
  @ApiProperty({ type: [DashboardTrendView] }) monthly!: DashboardTrendView[];
}

/** Humas performance of a facility, a Kanwil or the nation over a period, in the Directorate General's terms. */
export class HumasDashboardView {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ enum: ['Asia/Jakarta'] }) timeZone!: 'Asia/Jakarta';
  @ApiProperty({ type: DashboardScopeView }) scope!: DashboardScopeView;
  @ApiProperty({ description: 'Active facilities in the scope' }) units!: number;
  @ApiProperty() days!: number;
  @ApiProperty({ type: OdonView }) odon!: OdonView;
  @ApiProperty({ type: DashboardVisitsView }) visits!: DashboardVisitsView;
  @ApiProperty({ type: DashboardClicksView }) shareClicks!: DashboardClicksView;
  @ApiProperty({ type: DashboardOrdersView }) orders!: DashboardOrdersView;
  @ApiProperty({ description: 'Products first put on sale in the period (not deleted since)' }) productsNewlyListed!: number;
  @ApiProperty({ type: DashboardStoriesView }) stories!: DashboardStoriesView;
  @ApiProperty({ type: DashboardTrendsView }) trends!: DashboardTrendsView;
}
