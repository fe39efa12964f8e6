import { Injectable, OnModuleInit } from '@nestjs/common';
import { OrderTouchSourcesRegistry, type TouchSource } from '../../orders/order-touch-sources.registry.js';
import type { ShareChannel } from '../campaigns/campaign.types.js';
import { TOUCH_SOURCES_SQL } from '../links/link.queries.js';

interface TouchSourceRow {
  code: string;
  channel: ShareChannel;
  campaign_id: string;
  campaign_name: string;
}

/**
 * Tells the admin order view where an order's touch codes lead (channel and campaign), through
 * the registry orders offer, since orders may not import Humas. A link deleted with its campaign
 * has no row: the order keeps its code and time and shows no campaign.
 */
@Injectable()
export class OrderTouchSources implements OnModuleInit {
  constructor(private readonly registry: OrderTouchSourcesRegistry) {}

  onModuleInit(): void {
    this.registry.register(async (em, codes) => {
      const rows = await em.query<TouchSourceRow[]>(TOUCH_SOURCES_SQL, [codes]);
      return new Map<string, TouchSource>(rows.map((row) => [row.code, { channel: row.channel, campaignId: row.campaign_id, campaignName: row.campaign_name }]));
    });
  }
}
