import { DataSource } from 'typeorm';
import { databaseOptions } from '../src/database/data-source-options';
import { createTestDatabase, dropTestDatabase } from './support/test-database';

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
});
