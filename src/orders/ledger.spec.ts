import fc from 'fast-check';
import { allocateAmount, apportion, applied, leftOf, LedgerLine, LedgerRefund, refundAmount, refundUnits, saleOf, total, unitsLeft } from './ledger';
import type { LineSplit } from './revenue-split.math';

const NATIONAL = { premiPercent: 50, pnbpPercent: 15, capitalPercent: 35 };
const NOTHING: LineSplit = { gross: 0, cost: 0, profit: 0, premi: 0, pnbp: 0, capital: 0 };
const PARTS = ['gross', 'cost', 'profit', 'premi', 'pnbp', 'capital'] as const;

function line(id: string, unitPrice: number, unitCost: number | null, quantity: number, rule = NATIONAL): LedgerLine {
  return { id, quantity, refundedQuantity: 0, sale: saleOf({ unitPrice, unitCost, quantity }, rule), refunded: NOTHING };
}

const rules = fc
  .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
  .filter(([a, b]) => a + b <= 100)
  .map(([premiPercent, pnbpPercent]) => ({ premiPercent, pnbpPercent, capitalPercent: 100 - premiPercent - pnbpPercent }));

/** Small amounts are where rounding bites; large ones where precision could be lost. */
const rupiah = (max: number): fc.Arbitrary<number> => fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: max }));

const lines = fc.array(
  fc.record({
    unitPrice: rupiah(5_000_000),
    // Costs above the price too: a line sold at a loss has a negative profit and capital.
    unitCost: fc.option(rupiah(6_000_000), { nil: null }),
    quantity: fc.integer({ min: 1, max: 25 }),
    rule: rules,
  }),
  { minLength: 1, maxLength: 5 },
);

/** Refund this many units of a line; this share (in permille) of what is left, as a dashboard amount; everything. */
const ops = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('units' as const), line: fc.nat(4), units: fc.integer({ min: 1, max: 25 }) }),
    fc.record({ kind: fc.constant('amount' as const), permille: fc.integer({ min: 0, max: 1000 }) }),
    fc.constant({ kind: 'full' as const }),
  ),
  { maxLength: 10 },
);

/**
 * Plain checks inside the property (jest's expect costs too much for 10,000 sequences of up to a
 * dozen refunds); a failure throws and fast-check shrinks it to the smallest counterexample.
 */
function check(ok: boolean, what: string, detail: unknown): void {
  if (!ok) throw new Error(`${what}: ${JSON.stringify(detail)}`);
}

/** Between zero and the sale's own part, whatever its sign. */
function within(value: number, sale: number): boolean {
  return value >= Math.min(0, sale) && value <= Math.max(0, sale);
}

function consistent(split: LineSplit): boolean {
  return split.gross - split.cost === split.profit && split.premi + split.pnbp + split.capital === split.profit;
}

function expectConsistent(split: LineSplit): void {
  expect(consistent(split)).toBe(true);
}

describe('ledger', () => {
  it('splits a sale by the facility rule', () => {
    expect(saleOf({ unitPrice: 150_000, unitCost: 45_000, quantity: 2 }, NATIONAL)).toEqual({ gross: 300_000, cost: 90_000, profit: 210_000, premi: 105_000, pnbp: 31_500, capital: 73_500 });
  });

  it('refunds units of a line never refunded at exactly their price and cost', () => {
    const refund = refundUnits(line('a', 33_337, 10_001, 7), 3);
    expect(refund).toMatchObject({ quantity: 3, amount: 100_011, entry: { gross: -100_011, cost: -30_003, profit: -70_008 } });
    expectConsistent(refund.entry);
  });

  it('reverses exactly what is left with the last units, whatever the earlier rounding', () => {
    // 34/33/33 of a profit of 3 is 1/1/1; refunding one unit at a time would take premi three times.
    let a = line('a', 2, 1, 3, { premiPercent: 34, pnbpPercent: 33, capitalPercent: 33 });
    for (let i = 0; i < 3; i += 1) a = applied(a, refundUnits(a, 1));
    expect(leftOf(a)).toEqual(NOTHING);
    expect(unitsLeft(a)).toBe(0);
  });

  it('refuses more units or money than are left', () => {
    const a = line('a', 10_000, null, 2);
    expect(() => refundUnits(a, 3)).toThrow(RangeError);
    expect(() => refundAmount(a, 20_001)).toThrow(RangeError);
    expect(() => allocateAmount([a], 5_000, 25_001)).toThrow(RangeError);
  });

  it('spreads a dashboard refund over the lines pro rata by what is left, then shipping', () => {
    const a = line('a', 30_000, 10_000, 2);
    const b = line('b', 20_000, null, 1);
    // 40,000 over lines worth 60,000 and 20,000: 30,000 and 10,000; no line gives back units.
    const partial = allocateAmount([a, b], 15_000, 40_000);
    expect(partial.shipping).toBe(0);
    expect(partial.lines.map((r) => [r.lineId, r.amount, r.quantity])).toEqual([
      ['a', 30_000, 0],
      ['b', 10_000, 0],
    ]);
    // More than the lines hold: every line empties (its units come back), the rest is shipping.
    const most = allocateAmount([a, b], 15_000, 85_000);
    expect(most.lines.map((r) => [r.lineId, r.amount, r.quantity])).toEqual([
      ['a', 60_000, 2],
      ['b', 20_000, 1],
    ]);
    expect(most.shipping).toBe(5_000);
  });

  it('apportions exactly, ties to the earlier weight', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(0, [0, 0])).toEqual([0, 0]);
    expect(apportion(2_000_000_000, [2_000_000_000, 1])).toEqual([1_999_999_999, 1]);
    expect(() => apportion(1, [0])).toThrow(RangeError);
  });

  it('for any sequence of full and partial refunds, every part sums to what was paid net of refunds and never changes sign (10,000 sequences)', () => {
    fc.assert(
      fc.property(lines, rupiah(500_000), ops, (specs, shipping, sequence) => {
        let ledger = specs.map((s, i) => line(`line-${i}`, s.unitPrice, s.unitCost, s.quantity, s.rule));
        const sales = new Map(ledger.map((l) => [l.id, l.sale]));
        const paid = ledger.reduce((sum, l) => sum + l.sale.gross, 0) + shipping;
        let refunded = 0;
        let shippingLeft = shipping;

        const apply = (refunds: readonly LedgerRefund[]): void => {
          for (const refund of refunds) {
            const sale = sales.get(refund.lineId) as LineSplit;
            // A refund only ever takes back: each part against the sale's sign, never adding to it.
            check(
              PARTS.every((part) => refund.entry[part] * sale[part] <= 0),
              'a refund adds to a part',
              { refund, sale },
            );
            check(0 - refund.entry.gross === refund.amount && consistent(refund.entry), 'a refund entry does not add up', refund);
            ledger = ledger.map((l) => (l.id === refund.lineId ? applied(l, refund) : l));
          }
        };

        for (const op of [...sequence, { kind: 'full' } as const]) {
          if (op.kind === 'units') {
            const target = ledger[op.line % ledger.length];
            if (!target) continue;
            const left = unitsLeft(target);
            if (left === 0) continue;
            const refund = refundUnits(target, 1 + ((op.units - 1) % left));
            apply([refund]);
            refunded += refund.amount;
          } else {
            const everything = ledger.reduce((sum, l) => sum + leftOf(l).gross, 0) + shippingLeft;
            const amount = op.kind === 'full' ? everything : Math.floor((everything * op.permille) / 1000);
            const allocation = allocateAmount(ledger, shippingLeft, amount);
            check(allocation.lines.reduce((sum, r) => sum + r.amount, 0) + allocation.shipping === amount, 'the allocation loses money', { amount, allocation });
            check(allocation.shipping <= shippingLeft, 'the allocation refunds more shipping than is left', { shippingLeft, allocation });
            apply(allocation.lines);
            shippingLeft -= allocation.shipping;
            refunded += amount;
          }

          for (const l of ledger) {
            const left = leftOf(l);
            check(consistent(left), 'what is left of a line does not add up', l);
            check(
              PARTS.every((part) => within(left[part], l.sale[part])),
              'a part of what is left went past zero or above the sale',
              l,
            );
            check(l.refundedQuantity <= l.quantity, 'more units refunded than sold', l);
            check(unitsLeft(l) > 0 || PARTS.every((part) => left[part] === 0), 'a line with no units left still holds money', l);
          }
          check(ledger.reduce((sum, l) => sum + leftOf(l).gross, 0) + shippingLeft === paid - refunded, 'the lines and shipping left are not what was paid net of refunds', {
            paid,
            refunded,
            ledger,
          });
        }

        // After the final full refund nothing is left anywhere.
        check(refunded === paid, 'the full refund did not give back everything', { paid, refunded });
        check(PARTS.every((part) => total(ledger.map(leftOf))[part] === 0), 'the full refund left money on a line', ledger);
        check(ledger.every((l) => unitsLeft(l) === 0), 'the full refund left units on a line', ledger);
      }),
      { numRuns: 10_000 },
    );
  });
});
