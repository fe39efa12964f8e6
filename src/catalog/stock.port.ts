import type { EntityManager } from 'typeorm';
import type { ProductKind } from './catalog.types.js';

/** Units of one product. */
export interface StockLine {
  productId: string;
  quantity: number;
}

/** Units of one product moved for one order (release, commit, return of many orders at once). */
export interface OrderStockLine extends StockLine {
  orderId: string;
}

/** Who and what a movement is for; written on every movement row. */
export interface MovementRef {
  orderId?: string | null;
  /** The admin who made the change, when one did. */
  actorId?: string | null;
  note?: string | null;
}

/** A product as checkout snapshots it, read by the same statement that took its stock. */
export interface ReservedProduct {
  id: string;
  facilityId: string;
  name: string;
  kind: ProductKind;
  price: number;
  unitCost: number | null;
  weightGrams: number;
  foodPermitValidUntil: string | null;
  /** The product's own per-order limit; null means the configured default. */
  maxPerOrder: number | null;
}

/** Why a reservation took nothing, for the caller's error. */
export type ReservationRefusal =
  | { reason: 'NOT_FOUND' }
  | { reason: 'NOT_FOR_SALE'; name: string }
  | { reason: 'FOOD_PERMIT_LAPSED'; name: string }
  | { reason: 'OUT_OF_STOCK'; name: string; available: number };

export type StockChange = { set: number } | { delta: number };

/**
 * The catalog's stock, as other features may touch it: the only writer of `product.stock` and
 * `product.sales_count`. Every change writes a `stock_movement` row with its reason, in the
 * caller's transaction (`em`). Callers that move several products hand them over at once; the
 * port locks their rows in product-id order, as checkout does, so no two transactions deadlock.
 */
export abstract class StockPort {
  /**
   * Takes `quantity` units for an order if the product can be sold (published, undeleted, a FOOD
   * permit valid today) and has them, else takes nothing (null). Check and take are one
   * conditional UPDATE, so concurrent checkouts never oversell. Call in `inLockOrder` order.
   */
  abstract reserve(em: EntityManager, line: StockLine, ref: MovementRef): Promise<ReservedProduct | null>;

  /** Why `reserve` took nothing, read after it (the transaction is about to roll back). */
  abstract whyNotReserved(em: EntityManager, productId: string): Promise<ReservationRefusal>;

  /** Gives reserved units back (cancel, expiry): many orders' lines at once. */
  abstract release(em: EntityManager, lines: readonly OrderStockLine[], ref?: MovementRef): Promise<void>;

  /** Counts reserved units as sold (the payment succeeded): the sold count rises, the stock stays. */
  abstract commit(em: EntityManager, lines: readonly OrderStockLine[], ref?: MovementRef): Promise<void>;

  /** Puts refunded units back on the shelf. */
  abstract return(em: EntityManager, lines: readonly OrderStockLine[], ref?: MovementRef): Promise<void>;

  /**
   * An admin's count or correction (`set`), or a harvest or loss (`delta`), under the row lock;
   * null when it would take the stock below zero (nothing changes).
   */
  abstract adjust(em: EntityManager, productId: string, change: StockChange, ref: MovementRef): Promise<{ before: number; after: number } | null>;
}

/** Lines sorted by product id: every transaction locks rows in the same order, so none deadlock. */
export function inLockOrder<T extends StockLine>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}
