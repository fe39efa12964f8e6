import { join } from 'node:path';
import { findColumnWrites, ROOT, sourceFilesMentioning, type ColumnWrite, type GuardedColumns } from '../support/column-writers';

/**
 * Issue 13: the catalog's stock port is the only writer of a product's stock and sold count, so
 * every change has its movement row. The forms of writing that are looked for are listed in
 * test/support/column-writers.ts (the same check as the order statuses').
 */
const STOCK_PORT = 'src/catalog/product-stock.ts';
const STOCK: GuardedColumns = {
  entities: new Map([['src/catalog/product.entity.ts', 'Product']]),
  properties: ['stock', 'salesCount'],
  tables: ['product'],
  columns: ['stock', 'sales_count'],
};
const FIXTURE = join(ROOT, 'test', 'unit', 'fixtures', 'stock-writes.fixture.ts');

describe('stock writes', () => {
  let findings: ColumnWrite[];
  beforeAll(() => {
    findings = findColumnWrites(STOCK, [...sourceFilesMentioning(/stock|sales_?count/i, [STOCK_PORT]), FIXTURE]);
  }, 60_000);

  it('happen only in the stock port (src/catalog/product-stock.ts)', () => {
    // The demo seed invents sold counts for the `popular` sort; no order stands behind them, so
    // there is no sale to commit. Its stock goes through the port like everyone's.
    const demoSales = (f: ColumnWrite): boolean => f.file === 'src/seed/demo-products.seeder.ts' && f.what === 'Product written with salesCount';
    expect(findings.filter((f) => !f.file.startsWith('test/') && !demoSales(f))).toEqual([]);
  });

  it('are caught in every form the check looks for (so the check above can fail)', () => {
    expect(findings.filter((f) => f.file.startsWith('test/')).map((f) => `${f.line} ${f.what.split(':')[0] ?? ''}`)).toEqual([
      '9 Product.stock assigned',
      '10 Product.salesCount assigned',
      '11 Product written with stock',
      '12 Product written with stock',
      '13 SQL',
      '14 SQL',
      '15 SQL',
      '16 Product.stock assigned',
      '17 Product written with stock (assign)',
      '19 Product written with stock (update)',
      '20 Product written with salesCount (save)',
      '21 SQL',
      '22 SQL',
      '23 SQL',
    ]);
  });

  it('leave the port itself visible to the check: it writes stock (so "only" means something)', () => {
    expect(findColumnWrites(STOCK, [join(ROOT, STOCK_PORT)]).length).toBeGreaterThan(0);
  });
});
