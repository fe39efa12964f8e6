import pg from 'pg';
import { millis } from '../src/database/sql-time';
import { withDatabase } from '../src/database/database-url';
import { testServerUrl } from './support/test-database';

/**
 * `millis` against PostgreSQL itself: it must give the very Date that node-postgres makes of the
 * column, since the API's `updatedAt` and `publishedAt` are built from it.
 */
describe('millis (sql-time.ts)', () => {
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: withDatabase(testServerUrl(), 'postgres') });
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
  });

  const moments = [
    '2026-12-07 19:00:00+00',
    '2026-12-07 19:00:00.123456+00',
    '2026-12-07 19:00:00.999999+00',
    '2026-12-07 19:00:00.0005+07',
    '2024-02-29 23:59:59.9995+05:30',
    '1969-12-31 23:59:59.9995+00',
    '1900-01-01 00:00:00.000001+00',
    '9999-12-31 23:59:59.999999+00',
  ];

  it('millis: the Date node-postgres parses, to the millisecond, before and after 1970', async () => {
    const { rows } = await client.query<{ parsed: Date; ms: number }>(
      `SELECT ts AS parsed, ${millis('ts')} AS ms FROM unnest($1::timestamptz[]) AS t(ts) ORDER BY ts`,
      [moments],
    );
    expect(rows).toHaveLength(moments.length);
    for (const row of rows) {
      expect(typeof row.ms).toBe('number');
      expect(new Date(row.ms).toISOString()).toBe(row.parsed.toISOString());
    }
  });

  it('millis: null stays null', async () => {
    const { rows } = await client.query<{ ms: number | null }>(`SELECT ${millis('NULL::timestamptz')} AS ms`);
    expect(rows[0]?.ms).toBeNull();
  });
});
