import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Outbox } from '../outbox/outbox.js';

export type ProductEventType = 'product.updated' | 'product.deleted';

/** The internal event (outbox); partners get webhooks/public-events.ts's shape of it. */
export interface ProductEventPayload {
  productId: string;
  slug: string | null;
  updatedAt: string | null;
}

/**
 * Announces product changes on the outbox, in the change's own transaction, for partner webhooks.
 * Admin edits, stock settings, photos, deletion and a lapsed FOOD permit (nightly) announce; stock
 * taken by checkout does not (every sale would be an event): mirrors see those through `updatedSince`.
 */
@Injectable()
export class ProductEvents {
  constructor(private readonly outbox: Outbox) {}

  async announce(em: EntityManager, productId: string, type: ProductEventType = 'product.updated'): Promise<void> {
    const [product] = await em.query<{ slug: string; updated_at: Date }[]>('SELECT slug, updated_at FROM product WHERE id = $1', [productId]);
    await this.outbox.publish(em, {
      type,
      aggregateType: 'product',
      aggregateId: productId,
      payload: { productId, slug: product?.slug ?? null, updatedAt: product?.updated_at.toISOString() ?? null } satisfies ProductEventPayload,
    });
  }
}
