import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import type { OrderAttribution } from '../../orders/order-attribution.types.js';
import { ShareLinksService } from '../links/share-links.service.js';
import { VisitClock } from '../visits/visit-day.js';
import { addTouch, attributionAt, type Touches } from './touches.js';

/**
 * First and last campaign touch, first-party only: the showcase keeps them in the shopper's own
 * cart cookie (no table, no identifier) and hands them to the order at checkout, each only while
 * within ATTRIBUTION_WINDOW_DAYS.
 */
@Injectable()
export class CampaignAttribution {
  constructor(
    private readonly links: ShareLinksService,
    private readonly config: AppConfig,
    private readonly clock: VisitClock,
  ) {}

  get windowDays(): number {
    return this.config.attributionWindowDays;
  }

  /** The touches after a page was opened with `?k=`; undefined when the value is no share link's code. */
  async touched(previous: Touches | undefined, value: unknown): Promise<Touches | undefined> {
    const link = await this.links.resolve(value);
    if (!link) return undefined;
    return addTouch(previous, link.code, this.clock.now().getTime(), this.windowDays);
  }

  forOrder(touches: Touches | undefined): OrderAttribution {
    return attributionAt(touches, this.clock.now().getTime(), this.windowDays);
  }
}
