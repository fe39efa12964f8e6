import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { App } from 'supertest/types';
import type { Product } from '../../src/catalog/product.entity';
import type { CreatedOrderView } from '../../src/orders/order.views';

export const TEST_ADDRESS = {
  recipient: 'Siti Rahmawati',
  phone: '+62 812 3456 7890',
  line1: 'Jl. Lambung Mangkurat No. 10',
  city: 'Banjarmasin',
  province: 'Kalimantan Selatan',
  postalCode: '70111',
};

export interface PlaceOrderOptions {
  method?: 'SHIPPING' | 'PICKUP';
  email?: string;
  name?: string;
}

/** Places an order through the real checkout (POST /api/v1/orders), one of each product unless told. */
export async function placeOrder(
  http: App,
  lines: readonly (Product | { product: Product; quantity: number })[],
  options: PlaceOrderOptions = {},
): Promise<CreatedOrderView> {
  const method = options.method ?? 'SHIPPING';
  const response = await request(http)
    .post('/api/v1/orders')
    .send({
      items: lines.map((line) => ('product' in line ? { productId: line.product.id, quantity: line.quantity } : { productId: line.id, quantity: 1 })),
      customer: { name: options.name ?? 'Siti Rahmawati', email: options.email ?? 'siti@example.com', phone: '+62 812 3456 7890' },
      delivery: method === 'SHIPPING' ? { method, address: TEST_ADDRESS } : { method },
    });
  if (response.status !== 201) throw new Error(`Checkout answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as CreatedOrderView;
}

/**
 * `count` unpaid one-line orders of `quantity` units each, written straight in the database (one
 * statement, for backlogs of hundreds) with their fulfilment, item and manual payment, the stock
 * taken as checkout would. `due` puts them past their expiry. Returns their ids.
 */
export async function makeUnpaidOrders(
  dataSource: DataSource,
  product: Product,
  count: number,
  options: { quantity?: number; due?: boolean } = {},
): Promise<string[]> {
  const quantity = options.quantity ?? 1;
  const rows = await dataSource.query<{ id: string }[]>(
    `WITH taken AS (
       UPDATE product SET stock = stock - $2::int * $3::int WHERE id = $1 AND stock >= $2::int * $3::int
       RETURNING id, facility_id, name, program, category_id, price, unit_cost, weight_grams
     ), orders AS (
       INSERT INTO shop_order (number, customer_name, customer_email, customer_phone, delivery_method, subtotal, shipping_total, total, access_token_hash, expires_at)
       SELECT 'ETL-BULK-' || $4::text || '-' || lpad(g::text, 6, '0'), 'Pembeli Uji', 'uji' || g || '@example.com', '+62 812 0000 0000', 'PICKUP',
              taken.price * $3::int, 0, taken.price * $3::int, md5(random()::text), now() + CASE WHEN $5::boolean THEN interval '-1 second' ELSE interval '1 hour' END
         FROM taken, generate_series(1, $2::int) g
       RETURNING id, total
     ), fulfilments AS (
       INSERT INTO fulfilment (order_id, facility_id, delivery_method, shipping_fee, total_weight_grams)
       SELECT orders.id, taken.facility_id, 'PICKUP', 0, taken.weight_grams * $3::int FROM orders, taken
       RETURNING id, order_id
     ), items AS (
       INSERT INTO order_item (order_id, fulfilment_id, product_id, facility_id, product_name, program, category_id, unit_price, unit_cost, weight_grams, quantity, line_total)
       SELECT fulfilments.order_id, fulfilments.id, taken.id, taken.facility_id, taken.name, taken.program, taken.category_id, taken.price, taken.unit_cost, taken.weight_grams, $3::int, taken.price * $3::int
         FROM fulfilments, taken
     ), payments AS (
       INSERT INTO payment (order_id, provider, provider_reference, amount) SELECT orders.id, 'manual', 'BULK-' || orders.id, orders.total FROM orders
     )
     SELECT id FROM orders`,
    [product.id, count, quantity, Math.random().toString(36).slice(2, 8), options.due ?? false],
  );
  if (rows.length !== count) throw new Error(`Made ${rows.length} of ${count} orders: not enough stock?`);
  return rows.map((row) => row.id);
}
