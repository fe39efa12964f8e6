import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { runSqlIn } from '../database/sql-query.js';
import type { ProductKind, ProductStatus, StockMovementReason } from './catalog.types.js';
import { permitAllowsSale, SELLABLE_PRODUCT_SQL } from './sellability.js';
import { MovementRef, OrderStockLine, ReservationRefusal, ReservedProduct, StockChange, StockLine, StockPort } from './stock.port.js';

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

/**
 * Checkout's hot statement: the check, the take and the movement row in one round trip. The row
 * lock and the `stock >= q` test are one UPDATE, so concurrent checkouts can never oversell; the
 * movement is written only when the UPDATE took something.
 */
const RESERVE = `WITH taken AS (
    UPDATE product p SET stock = p.stock - $2, updated_at = now(), version = p.version + 1
     WHERE p.id = $1 AND p.stock >= $2 AND ${SELLABLE_PRODUCT_SQL}
    RETURNING p.id, p.facility_id, p.name, p.kind, p.price, p.unit_cost, p.weight_grams, p.food_permit_valid_until::text, p.max_per_order
  ), moved AS (
    INSERT INTO stock_movement (product_id, delta, quantity, reason, order_id, actor_id, note)
    SELECT id, -$2::int, $2::int, 'RESERVE', $3::uuid, $4::uuid, $5::text FROM taken
  )
  SELECT * FROM taken`;

/** Which column a bulk move changes, and by how much per unit. */
const BULK: Record<'RELEASE' | 'COMMIT' | 'RETURN', { set: string; deltaPerUnit: 0 | 1 }> = {
  RELEASE: { set: 'stock = p.stock + t.quantity', deltaPerUnit: 1 },
  RETURN: { set: 'stock = p.stock + t.quantity', deltaPerUnit: 1 },
  COMMIT: { set: 'sales_count = p.sales_count + t.quantity', deltaPerUnit: 0 },
};

/** The stock port over the `product` and `stock_movement` tables: the only code that writes `product.stock`. */
@Injectable()
export class ProductStock extends StockPort {
  async reserve(em: EntityManager, line: StockLine, ref: MovementRef): Promise<ReservedProduct | null> {
    const rows = await runSqlIn<ReservedRow>(em, { text: RESERVE, values: [line.productId, line.quantity, ref.orderId ?? null, ref.actorId ?? null, ref.note ?? null] });
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

  async whyNotReserved(em: EntityManager, productId: string): Promise<ReservationRefusal> {
    const [product] = await em.query<{ name: string; status: ProductStatus; deleted: boolean; kind: ProductKind; food_permit_valid_until: string | null; stock: number }[]>(
      'SELECT name, status, deleted_at IS NOT NULL AS deleted, kind, food_permit_valid_until::text, stock FROM product WHERE id = $1',
      [productId],
    );
    if (!product) return { reason: 'NOT_FOUND' };
    if (product.deleted || product.status !== 'PUBLISHED') return { reason: 'NOT_FOR_SALE', name: product.name };
    if (!permitAllowsSale({ kind: product.kind, foodPermitValidUntil: product.food_permit_valid_until })) return { reason: 'FOOD_PERMIT_LAPSED', name: product.name };
    return { reason: 'OUT_OF_STOCK', name: product.name, available: product.stock };
  }

  release(em: EntityManager, lines: readonly OrderStockLine[], ref: MovementRef = {}): Promise<void> {
    return this.move(em, 'RELEASE', lines, ref);
  }

  commit(em: EntityManager, lines: readonly OrderStockLine[], ref: MovementRef = {}): Promise<void> {
    return this.move(em, 'COMMIT', lines, ref);
  }

  return(em: EntityManager, lines: readonly OrderStockLine[], ref: MovementRef = {}): Promise<void> {
    return this.move(em, 'RETURN', lines, ref);
  }

  async adjust(em: EntityManager, productId: string, change: StockChange, ref: MovementRef): Promise<{ before: number; after: number } | null> {
    const [row] = await em.query<{ stock: number }[]>('SELECT stock FROM product WHERE id = $1 FOR UPDATE', [productId]);
    if (!row) throw new Error(`No product ${productId} to adjust`);
    const before = row.stock;
    const after = 'set' in change ? change.set : before + change.delta;
    if (after < 0) return null;
    await em.query(
      `WITH changed AS (
         UPDATE product SET stock = $2, updated_at = now(), version = version + 1 WHERE id = $1 RETURNING id
       )
       INSERT INTO stock_movement (product_id, delta, quantity, reason, order_id, actor_id, note)
       SELECT id, $3::int, abs($3::int), 'ADJUST', $4::uuid, $5::uuid, $6::text FROM changed`,
      [productId, after, after - before, ref.orderId ?? null, ref.actorId ?? null, ref.note ?? null],
    );
    return { before, after };
  }

  /**
   * Many lines, possibly of many orders, in two statements: the product rows are locked in id
   * order first (as checkout locks them, so a batch never deadlocks with checkouts), then one
   * statement changes each product once and writes a movement per order line.
   */
  private async move(em: EntityManager, reason: Exclude<StockMovementReason, 'RESERVE' | 'ADJUST'>, lines: readonly OrderStockLine[], ref: MovementRef): Promise<void> {
    if (lines.length === 0) return;
    const productIds = [...new Set(lines.map((line) => line.productId))];
    if (productIds.length > 1) await em.query('SELECT id FROM product WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [productIds]);
    const { set, deltaPerUnit } = BULK[reason];
    await em.query(
      `WITH moves AS (
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::uuid[]) AS m(product_id, quantity, order_id)
       ), totals AS (
         SELECT product_id, sum(quantity)::int AS quantity FROM moves GROUP BY product_id
       ), changed AS (
         UPDATE product p SET ${set}, updated_at = now(), version = p.version + 1 FROM totals t WHERE p.id = t.product_id RETURNING p.id
       )
       INSERT INTO stock_movement (product_id, delta, quantity, reason, order_id, actor_id, note)
       SELECT m.product_id, m.quantity * $4::int, m.quantity, $5::stock_movement_reason, m.order_id, $6::uuid, $7::text
         FROM moves m JOIN changed c ON c.id = m.product_id`,
      [lines.map((l) => l.productId), lines.map((l) => l.quantity), lines.map((l) => l.orderId), deltaPerUnit, reason, ref.actorId ?? null, ref.note ?? null],
    );
  }
}
