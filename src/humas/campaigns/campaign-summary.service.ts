import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user.js';
import { attributedOrdersSql, CLICKS_BY_CHANNEL_SQL } from '../links/link.queries.js';
import { SHARE_CHANNELS, type ShareChannel } from './campaign.types.js';
import type { CampaignSummaryView, ClicksByChannelView } from './campaign.views.js';
import { CampaignsService } from './campaigns.service.js';
import type { Touch } from './dto/campaign-summary-query.dto.js';

/**
 * What a campaign brought: share-link clicks by channel, and the orders attributed to it by the
 * last touch (default) or the first, with the revenue of those paid.
 */
@Injectable()
export class CampaignSummaryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
  ) {}

  async summary(user: AuthUser, id: string, touch: Touch = 'last'): Promise<CampaignSummaryView> {
    const campaign = await this.campaigns.findInScope(this.dataSource.manager, user, id);
    const [clickRows, [orders]] = await Promise.all([
      this.dataSource.query<{ channel: ShareChannel; clicks: number }[]>(CLICKS_BY_CHANNEL_SQL, [campaign.id]),
      this.dataSource.query<[{ orders: number; paid_orders: number; paid_revenue: string }]>(attributedOrdersSql(touch === 'first' ? 'first_touch_code' : 'last_touch_code'), [campaign.id]),
    ]);
    const byChannel = Object.fromEntries(SHARE_CHANNELS.map((channel) => [channel, 0])) as unknown as ClicksByChannelView;
    for (const row of clickRows) byChannel[row.channel] = row.clicks;
    return {
      campaignId: campaign.id,
      touch,
      clicks: clickRows.reduce((sum, row) => sum + row.clicks, 0),
      clicksByChannel: byChannel,
      orders: orders.orders,
      paidOrders: orders.paid_orders,
      paidRevenue: Number(orders.paid_revenue),
      currency: 'IDR',
    };
  }
}
