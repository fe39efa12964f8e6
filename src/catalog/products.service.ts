import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { assertInScope } from '../auth/access-policy.js';
import type { AuthUser } from '../auth/auth-user.js';
import { Facility } from '../facilities/facility.entity.js';
import { ProductNotFound } from './product.errors.js';
import { Product } from './product.entity.js';
import { ProductEvents } from './product-events.js';

export interface FindProductOptions {
  /** Lock the row for the rest of the transaction (writes). */
  lock?: boolean;
  /** Deleted products are not found unless asked for. */
  includeDeleted?: boolean;
}

/**
 * Loading products the way every admin use case must: inside the admin's scope (else 404), and
 * marking them changed so ETags and partner mirrors notice.
 */
@Injectable()
export class ProductsService {
  constructor(private readonly events: ProductEvents) {}

  async findInScope(em: EntityManager, user: AuthUser, id: string, options: FindProductOptions = {}): Promise<Product> {
    const product = await em.findOne(Product, {
      where: { id },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!product || (product.deletedAt && !options.includeDeleted)) throw new ProductNotFound();
    const facility = await em.findOne(Facility, { where: { id: product.facilityId }, select: { id: true, kanwilId: true, type: true, shortName: true } });
    assertInScope(user, facility, 'Product');
    product.facility = facility;
    return product;
  }

  /** Records that something hanging off the product (images, certificates) changed. */
  async touch(em: EntityManager, productId: string): Promise<void> {
    await em.query('UPDATE product SET updated_at = now(), version = version + 1 WHERE id = $1', [productId]);
    await this.events.announce(em, productId);
  }
}
