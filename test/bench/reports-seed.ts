import type pg from 'pg';

/**
 * `lines` paid order lines over the past year (four per order, products drawn from the seeded
 * catalog, one fulfilment per facility of an order), each with its SALE ledger entry split 50/15/35,
 * and about 3% of them refunded: the shape reports and impact read, at the volume the issue names.
 */
export async function seedPaidOrderLines(client: pg.ClientBase, lines: number): Promise<{ orders: number; lines: number; refunds: number }> {
  const orders = Math.ceil(lines / 4);
  await client.query('BEGIN');
  await client.query(`CREATE TEMP TABLE bench_products ON COMMIT DROP AS
    SELECT id, facility_id, name, program, category_id, price, least(coalesce(unit_cost, price / 2), price) AS unit_cost, weight_grams, row_number() OVER (ORDER BY id) AS rn
      FROM product WHERE deleted_at IS NULL`);
  const [{ n }] = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_products')).rows as [{ n: number }];
  await client.query(
    `INSERT INTO shop_order (number, status, customer_name, customer_email, customer_phone, delivery_method, subtotal, shipping_total, total, access_token_hash, expires_at, paid_at, created_at)
     SELECT 'ETL-BENCH-' || g, 'PAID', 'Pembeli Uji', 'bench@example.com', '+62 811 0000 0000', 'PICKUP', 0, 0, 0, 'bench', t.at, t.at, t.at
       FROM generate_series(1, $1) g, LATERAL (SELECT now() - random() * interval '365 days' + g * interval '0 second' AS at) t`,
    [orders],
  );
  await client.query(`CREATE TEMP TABLE bench_lines ON COMMIT DROP AS
    SELECT o.id AS order_id, o.created_at, p.id AS product_id, p.facility_id, p.name, p.program, p.category_id, p.price, p.unit_cost, p.weight_grams, 1 + (k % 3) AS quantity
      FROM shop_order o
      CROSS JOIN generate_series(1, 4) k
      JOIN bench_products p ON p.rn = 1 + ((hashtext(o.id::text || k::text) & 2147483647) % ${n})
     WHERE o.number LIKE 'ETL-BENCH-%'`);
  await client.query(`INSERT INTO fulfilment (order_id, facility_id, status, delivery_method, shipping_fee, total_weight_grams)
    SELECT DISTINCT order_id, facility_id, 'PROCESSING'::fulfilment_status, 'PICKUP'::delivery_method, 0, 0 FROM bench_lines`);
  await client.query(`INSERT INTO order_item (order_id, fulfilment_id, product_id, facility_id, product_name, program, category_id, unit_price, unit_cost, weight_grams, quantity, line_total)
    SELECT l.order_id, f.id, l.product_id, l.facility_id, l.name, l.program, l.category_id, l.price, l.unit_cost, l.weight_grams, l.quantity, l.price * l.quantity
      FROM bench_lines l JOIN fulfilment f ON f.order_id = l.order_id AND f.facility_id = l.facility_id`);
  await client.query(`INSERT INTO ledger_entry (kind, order_id, order_item_id, facility_id, product_id, program, category_id, quantity, gross, cost, profit, premi, pnbp, capital, split_rule_id, created_at)
    SELECT 'SALE', oi.order_id, oi.id, oi.facility_id, oi.product_id, oi.program, oi.category_id, oi.quantity, s.gross, s.cost, s.gross - s.cost,
           floor((s.gross - s.cost) * 0.5), floor((s.gross - s.cost) * 0.15), (s.gross - s.cost) - floor((s.gross - s.cost) * 0.5) - floor((s.gross - s.cost) * 0.15),
           (SELECT id FROM revenue_split_rule WHERE facility_id IS NULL ORDER BY effective_from DESC LIMIT 1), o.created_at
      FROM order_item oi JOIN shop_order o ON o.id = oi.order_id
      CROSS JOIN LATERAL (SELECT oi.line_total::bigint AS gross, (oi.unit_cost * oi.quantity)::bigint AS cost) s
     WHERE o.number LIKE 'ETL-BENCH-%'`);
  const refunded = await client.query(`INSERT INTO ledger_entry (kind, order_id, order_item_id, facility_id, product_id, program, category_id, quantity, gross, cost, profit, premi, pnbp, capital, split_rule_id, created_at)
    SELECT 'REFUND', order_id, order_item_id, facility_id, product_id, program, category_id, -quantity, -gross, -cost, -profit, -premi, -pnbp, -capital, split_rule_id, created_at + interval '2 days'
      FROM ledger_entry WHERE kind = 'SALE' AND (hashtext(order_item_id::text) & 2147483647) % 100 < 3`);
  await client.query('COMMIT');
  await client.query('ANALYZE shop_order, fulfilment, order_item, ledger_entry');
  return { orders, lines: orders * 4, refunds: refunded.rowCount ?? 0 };
}
