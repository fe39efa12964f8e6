import type { EntityManager } from 'typeorm';
import type { ProductKind, ProductStatus } from '../catalog/catalog.types.js';

export interface StockLine {
  productId: string;
  quantity: number;
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

interface ReservedRow {
  id: string;
  facility_id: string;
  name: string;
  kind: ProductKind;
  price: number;
  unit_cost: number | null;
  weight_grams: number;
  food_permit_valid_until: string | null;
  max_per_order: number | null;
}

/** Lines sorted by product id: every transaction locks rows in the same order, so none deadlock. */
export function inLockOrder<T extends StockLine>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

/**
 * Takes `quantity` units of a published, undeleted product, or nothing (null): the row lock and
 * the `stock >= q` check are one statement, so concurrent checkouts can never oversell.
 */
export async function reserveStock(em: EntityManager, line: StockLine): Promise<ReservedProduct | null> {
  const [rows] = await em.query<[ReservedRow[], number]>(
    `UPDATE product SET stock = stock - $2, updated_at = now(), version = version + 1
      WHERE id = $1 AND stock >= $2 AND status = 'PUBLISHED' AND deleted_at IS NULL
      RETURNING id, facility_id, name, kind, price, unit_cost, weight_grams, food_permit_valid_until::text, max_per_order`,
    [line.productId, line.quantity],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    facilityId: row.facility_id,
    name: row.name,
    kind: row.kind,
    price: row.price,
    unitCost: row.unit_cost,
    weightGrams: row.weight_grams,
    foodPermitValidUntil: row.food_permit_valid_until,
    maxPerOrder: row.max_per_order,
  };
}

export interface ProductAvailability {
  name: string;
  status: ProductStatus;
  deleted: boolean;
  stock: number;
}

/** Why a reservation took nothing: read after the failed UPDATE, for the error message only. */
export async function productAvailability(em: EntityManager, productId: string): Promise<ProductAvailability | null> {
  const rows = await em.query<{ name: string; status: ProductStatus; deleted: boolean; stock: number }[]>(
    'SELECT name, status, deleted_at IS NOT NULL AS deleted, stock FROM product WHERE id = $1',
    [productId],
  );
  return rows[0] ?? null;
}

/** Puts reserved units back (cancel, expiry). */
export async function releaseStock(em: EntityManager, line: StockLine): Promise<void> {
  await em.query('UPDATE product SET stock = stock + $2, updated_at = now(), version = version + 1 WHERE id = $1', [line.productId, line.quantity]);
}

/** Counts paid units for the `popular` sort (product_public_popular_idx). */
export async function recordSale(em: EntityManager, line: StockLine): Promise<void> {
  await em.query('UPDATE product SET sales_count = sales_count + $2, updated_at = now(), version = version + 1 WHERE id = $1', [line.productId, line.quantity]);
}

/**
 * Puts back every unit the given orders hold, in one statement per step. The product rows are
 * locked first, in id order like checkout locks them, so a batch never deadlocks with checkouts.
 */
export async function releaseStockOfOrders(em: EntityManager, orderIds: readonly string[]): Promise<void> {
  await em.query(
    `SELECT p.id FROM product p
      WHERE p.id IN (SELECT product_id FROM order_item WHERE order_id = ANY($1::uuid[]))
      ORDER BY p.id FOR UPDATE OF p`,
    [orderIds],
  );
  await em.query(
    `UPDATE product p SET stock = p.stock + held.quantity, updated_at = now(), version = p.version + 1
       FROM (SELECT product_id, sum(quantity)::int AS quantity FROM order_item WHERE order_id = ANY($1::uuid[]) GROUP BY product_id) held
      WHERE p.id = held.product_id`,
    [orderIds],
  );
}
