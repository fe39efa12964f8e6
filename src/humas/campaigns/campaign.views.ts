import { ApiProperty } from '@nestjs/swagger';
import { CAMPAIGN_GOALS, CAMPAIGN_SCOPES, type CampaignGoal, type CampaignScope, LINK_TARGETS, type LinkTarget, SHARE_CHANNELS, type ShareChannel } from './campaign.types.js';
import type { Campaign } from './campaign.entity.js';

export class CampaignView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'date' }) startsOn!: string;
  @ApiProperty({ format: 'date' }) endsOn!: string;
  @ApiProperty({ enum: CAMPAIGN_GOALS }) goal!: CampaignGoal;
  @ApiProperty({ enum: CAMPAIGN_SCOPES, description: "Whose campaign: the creator's facility, Kanwil, or the nation" }) scope!: CampaignScope;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) facilityId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) kanwilId!: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) productIds!: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) storyIds!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export function toCampaignView(campaign: Campaign): CampaignView {
  return {
    id: campaign.id,
    name: campaign.name,
    startsOn: campaign.startsOn,
    endsOn: campaign.endsOn,
    goal: campaign.goal,
    scope: campaign.scope,
    facilityId: campaign.facilityId,
    kanwilId: campaign.kanwilId,
    productIds: campaign.productIds,
    storyIds: campaign.storyIds,
    createdAt: campaign.createdAt.toISOString(),
    updatedAt: campaign.updatedAt.toISOString(),
  };
}

export class ShareLinkView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) campaignId!: string;
  @ApiProperty({ enum: SHARE_CHANNELS }) channel!: ShareChannel;
  @ApiProperty({ example: 'k7mq3xd', description: 'Seven characters from 23456789abcdefghjkmnpqrstuvwxyz (no 0/o, 1/l/i look-alikes)' }) code!: string;
  @ApiProperty({ enum: LINK_TARGETS }) targetKind!: LinkTarget;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The product, story or facility; null for the home page' }) targetId!: string | null;
  @ApiProperty({ format: 'uri', example: 'https://etalase.example.id/s/k7mq3xd', description: 'What to share: redirects to the page with the campaign attached' }) shortUrl!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** Clicks on a campaign's links by channel; every channel is present (0 when none). */
export class ClicksByChannelView implements Record<ShareChannel, number> {
  @ApiProperty() WHATSAPP!: number;
  @ApiProperty() INSTAGRAM!: number;
  @ApiProperty() FACEBOOK!: number;
  @ApiProperty() TIKTOK!: number;
  @ApiProperty() X!: number;
  @ApiProperty({ description: 'QR codes on posters and product cards' }) PRINT!: number;
}

export class CampaignSummaryView {
  @ApiProperty({ format: 'uuid' }) campaignId!: string;
  @ApiProperty({ enum: ['last', 'first'], description: 'Which touch orders were attributed by' }) touch!: 'last' | 'first';
  @ApiProperty({ description: 'Share-link clicks by people (bots, HEAD and prefetches excluded); the last few seconds may not be written yet' }) clicks!: number;
  @ApiProperty({ type: ClicksByChannelView }) clicksByChannel!: ClicksByChannelView;
  @ApiProperty({ description: 'Orders placed whose touch is one of this campaign\'s links (any status)' }) orders!: number;
  @ApiProperty({ description: 'Of those, orders paid (including later refunded ones)' }) paidOrders!: number;
  @ApiProperty({ description: 'What the paid orders brought in, less refunded lines, in rupiah' }) paidRevenue!: number;
  @ApiProperty({ enum: ['IDR'] }) currency!: 'IDR';
}
