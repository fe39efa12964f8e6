import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../src/database/data-source-options';
import { createTestDatabase, dropTestDatabase } from './support/test-database';

const SNAPSHOTS = 'OrderLineSnapshots1797000000136';

/** Every migration can be undone and redone: `down` steps are code too, and they rot unseen. */
describe('migrations', () => {
  it('revert all the way down and apply again cleanly', async () => {
    const url = await createTestDatabase(); // a copy of the migrated template
    const dataSource = new DataSource({ ...databaseOptions({ url }), logging: false, logger: 'simple-console' });
    await dataSource.initialize();
    try {
      const applied = dataSource.migrations.length;
      for (let i = 0; i < applied; i += 1) await dataSource.undoLastMigration({ transaction: 'each' });
      const tables = await dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
      );
      expect(tables[0]?.count).toBe(0);
      const again = await dataSource.runMigrations({ transaction: 'each' });
      expect(again).toHaveLength(applied);
      const provinces = await dataSource.query<{ count: number }[]>('SELECT count(*)::int AS count FROM province');
      expect(provinces[0]?.count).toBe(38);
    } finally {
      await dataSource.destroy();
      await dropTestDatabase(url);
    }
  });

  /**
   * OrderLineSnapshots (issue 13, bug 6) on a database that already has sales: the lines get their
   * products' programme and category, and an order naming a partner that is gone neither fails the
   * migration nor loses its attribution.
   */
  it('backfills the programme and category of order lines and their ledger entries, and keeps the partner of an order whose partner row is gone', async () => {
    const url = await createTestDatabase();
    const dataSource = new DataSource({ ...databaseOptions({ url }), logging: false, logger: 'simple-console' });
    await dataSource.initialize();
    const sql = <T>(text: string, values: unknown[] = []): Promise<T[]> => dataSource.query<T[]>(text, values);
    try {
      // Back to just before the migration, and any that came after it.
      while ((await sql('SELECT 1 FROM migrations WHERE name = $1', [SNAPSHOTS])).length > 0) await dataSource.undoLastMigration({ transaction: 'each' });
      const [kanwil] = await sql<{ id: string }>(`SELECT kanwil_id AS id FROM province WHERE code = '63'`);
      const [facility] = await sql<{ id: string }>(
        `INSERT INTO facility (slug, type, facility_class, name, short_name, province_code, kanwil_id, address, city)
         VALUES ('lapas-migrasi', 'LAPAS', 'IIA', 'Lapas Kelas IIA Migrasi', 'Lapas Migrasi', '63', $1, 'Jl. Uji No. 1', 'Banjarmasin') RETURNING id`,
        [kanwil?.id],
      );
      const [bread] = await sql<{ id: string; category_id: string }>(
        `INSERT INTO product (facility_id, category_id, program, kind, name, slug, price)
         SELECT $1, id, 'SAE', 'GOODS', 'Roti Sobek', 'roti-sobek-migrasi', 15000 FROM category WHERE slug = 'roti-kue' RETURNING id, category_id`,
        [facility?.id],
      );
      const ghost = randomUUID();
      const orders = await sql<{ id: string }>(
        `INSERT INTO shop_order (number, customer_name, customer_email, customer_phone, delivery_method, subtotal, shipping_total, total, access_token_hash, expires_at, partner_id)
         VALUES ('ETL-MIG-1', 'Pembeli', 'a@example.com', '+62 811', 'PICKUP', 30000, 0, 30000, 'x', now(), $1),
                ('ETL-MIG-2', 'Pembeli', 'b@example.com', '+62 811', 'PICKUP', 15000, 0, 15000, 'x', now(), NULL)
         RETURNING id`,
        [ghost],
      );
      for (const [i, order] of orders.entries()) {
        await sql(
          `WITH f AS (INSERT INTO fulfilment (order_id, facility_id, delivery_method, shipping_fee, total_weight_grams) VALUES ($1, $2, 'PICKUP', 0, 0) RETURNING id)
           INSERT INTO order_item (order_id, fulfilment_id, product_id, facility_id, product_name, unit_price, weight_grams, quantity, line_total)
           SELECT $1, f.id, $3, $2, 'Roti Sobek', 15000, 0, $4::int, 15000 * $4::int FROM f`,
          [order.id, facility?.id, bread?.id, 2 - i],
        );
      }
      await sql(
        `INSERT INTO ledger_entry (kind, order_id, order_item_id, facility_id, product_id, quantity, gross, cost, profit, premi, pnbp, capital, split_rule_id)
         SELECT 'SALE', order_id, id, facility_id, product_id, quantity, line_total, 0, line_total, 0, 0, line_total, gen_random_uuid() FROM order_item`,
      );
      // An entry whose line is gone (the ledger has no foreign keys) must not stop the migration.
      await sql(
        `INSERT INTO ledger_entry (kind, order_id, order_item_id, facility_id, product_id, quantity, gross, cost, profit, premi, pnbp, capital, split_rule_id)
         VALUES ('SALE', $1, gen_random_uuid(), $2, $3, 1, 15000, 0, 15000, 0, 0, 15000, gen_random_uuid())`,
        [orders[1]?.id, facility?.id, bread?.id],
      );

      await dataSource.runMigrations({ transaction: 'each' });

      const lines = await sql<{ program: string; category_id: string }>('SELECT program::text, category_id FROM order_item');
      expect(lines).toEqual([
        { program: 'SAE', category_id: bread?.category_id },
        { program: 'SAE', category_id: bread?.category_id },
      ]);
      const entries = await sql<{ program: string; category_id: string }>('SELECT program::text, category_id FROM ledger_entry');
      expect(entries).toEqual([lines[0], lines[0], lines[0]]);
      const [placeholder] = await sql<{ name: string; active: boolean }>('SELECT name, active FROM partner WHERE id = $1', [ghost]);
      expect(placeholder).toEqual({ name: `Unknown partner ${ghost}`, active: false });
      const [kept] = await sql<{ partner_id: string }>(`SELECT partner_id FROM shop_order WHERE number = 'ETL-MIG-1'`);
      expect(kept?.partner_id).toBe(ghost);
      await expect(sql(`UPDATE shop_order SET partner_id = gen_random_uuid() WHERE number = 'ETL-MIG-2'`)).rejects.toMatchObject({
        driverError: expect.objectContaining({ code: '23503' }) as unknown,
      });
    } finally {
      await dataSource.destroy();
      await dropTestDatabase(url);
    }
  });
});
