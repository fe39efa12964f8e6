import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Humas's share channels (campaign.types.ts SHARE_CHANNELS), repeated here because orders may not
 * import Humas; a Humas test holds the two lists equal.
 */
export const TOUCH_CHANNELS = ['WHATSAPP', 'INSTAGRAM', 'FACEBOOK', 'TIKTOK', 'X', 'PRINT'] as const;
export type TouchChannel = (typeof TOUCH_CHANNELS)[number];

/** Where a share-link code an order remembers leads: its channel and campaign. */
export interface TouchSource {
  channel: TouchChannel;
  campaignId: string;
  campaignName: string;
}

/** The sources of the codes that still lead somewhere; a code whose link or campaign is gone is left out. */
export type TouchSourcesLookup = (em: EntityManager, codes: readonly string[]) => Promise<ReadonlyMap<string, TouchSource>>;

/**
 * Orders store only the share-link codes of their first and last touch (order-attribution.types.ts);
 * links and campaigns are Humas's, which sits above orders and may not be imported here. Humas
 * registers its lookup at start-up, so the admin order view can say where an order came from.
 */
@Injectable()
export class OrderTouchSourcesRegistry {
  private lookup: TouchSourcesLookup | undefined;

  register(lookup: TouchSourcesLookup): void {
    this.lookup = lookup;
  }

  async sourcesOf(em: EntityManager, codes: readonly (string | null)[]): Promise<ReadonlyMap<string, TouchSource>> {
    const known = [...new Set(codes.filter((code): code is string => code !== null))];
    if (!this.lookup || known.length === 0) return new Map();
    return this.lookup(em, known);
  }
}
