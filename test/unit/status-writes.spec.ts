import { join } from 'node:path';
import { findColumnWrites, ROOT, sourceFilesMentioning, type ColumnWrite, type GuardedColumns } from '../support/column-writers';

/**
 * Issue 13: no code but the transition modules writes the status of an order, a fulfilment or a
 * payment. The forms of writing that are looked for are listed in test/support/column-writers.ts.
 */
const TRANSITION_MODULES = ['src/orders/order-transitions.ts', 'src/orders/fulfilment-transitions.ts', 'src/orders/payment-transitions.ts'];
const STATUSES: GuardedColumns = {
  entities: new Map([
    ['src/orders/order.entity.ts', 'Order'],
    ['src/orders/fulfilment.entity.ts', 'Fulfilment'],
    ['src/orders/payment.entity.ts', 'Payment'],
  ]),
  properties: ['status'],
  tables: ['shop_order', 'fulfilment', 'payment'],
  columns: ['status'],
};
const FIXTURE = join(ROOT, 'test', 'unit', 'fixtures', 'status-writes.fixture.ts');

describe('status writes', () => {
  let findings: ColumnWrite[];
  beforeAll(() => {
    // One compilation for both checks: most of the time is TypeScript loading the libraries' types.
    findings = findColumnWrites(STATUSES, [...sourceFilesMentioning(/status/i, TRANSITION_MODULES), FIXTURE]);
  }, 60_000);

  it('happen only in the transition modules', () => {
    expect(findings.filter((f) => !f.file.startsWith('test/'))).toEqual([]);
  });

  it('are caught in every form the check looks for (so the check above can fail)', () => {
    expect(findings.filter((f) => f.file.startsWith('test/')).map((f) => `${f.line} ${f.what.split(':')[0] ?? ''}`)).toEqual([
      '11 Order.status assigned',
      '12 Fulfilment written with status',
      '13 Payment written with status',
      '14 SQL',
      '15 SQL',
      '16 SQL',
      '17 Order written with status (assign)',
      '19 Fulfilment written with status (update)',
      '20 Payment written with status (update)',
      '21 SQL',
      '22 SQL',
      '23 SQL',
      '24 Fulfilment written with status (set)',
    ]);
  });
});
