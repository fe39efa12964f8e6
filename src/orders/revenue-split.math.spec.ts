import fc from 'fast-check';
import { largestRemainder, reverse, splitLine } from './revenue-split.math';

const NATIONAL = { premiPercent: 50, pnbpPercent: 15, capitalPercent: 35 };

/** Split rules with integer percents adding up to 100. */
const rules = fc
  .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
  .filter(([a, b]) => a + b <= 100)
  .map(([premiPercent, pnbpPercent]) => ({ premiPercent, pnbpPercent, capitalPercent: 100 - premiPercent - pnbpPercent }));

describe('revenue split', () => {
  it('splits a simple sale by the 1990 standard', () => {
    expect(splitLine(150_000, 90_000, NATIONAL)).toEqual({ gross: 150_000, cost: 90_000, profit: 60_000, premi: 30_000, pnbp: 9_000, capital: 21_000 });
  });

  it('hands leftover rupiah to the largest remainders', () => {
    // 101 x 50% = 50.5, x 15% = 15.15, x 35% = 35.35: floors 50+15+35 = 100, the 1 left goes to premi (.5).
    expect(splitLine(101, 0, NATIONAL)).toMatchObject({ premi: 51, pnbp: 15, capital: 35 });
    expect(largestRemainder(1, [50, 15, 35])).toEqual([1, 0, 0]);
    expect(largestRemainder(3, [34, 33, 33])).toEqual([1, 1, 1]);
    expect(largestRemainder(2, [33, 33, 34])).toEqual([1, 0, 1]);
  });

  it('lets working capital carry a loss', () => {
    expect(splitLine(10_000, 12_000, NATIONAL)).toEqual({ gross: 10_000, cost: 12_000, profit: -2_000, premi: 0, pnbp: 0, capital: -2_000 });
  });

  it('refuses fractions of a rupiah and rules that do not add up to 100', () => {
    expect(() => splitLine(10.5, 0, NATIONAL)).toThrow(/whole rupiah/);
    expect(() => splitLine(100, 0, { premiPercent: 50, pnbpPercent: 15, capitalPercent: 36 })).toThrow(/100 percent/);
  });

  it('always adds up exactly, never strays a rupiah from the exact share, for any price, cost and rule', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000_000 }), fc.integer({ min: 0, max: 2_000_000_000 }), rules, (gross, cost, rule) => {
        const split = splitLine(gross, cost, rule);
        expect(split.premi + split.pnbp + split.capital).toBe(split.profit);
        expect(split.profit).toBe(gross - cost);
        if (split.profit > 0) {
          const parts: [number, number][] = [
            [split.premi, rule.premiPercent],
            [split.pnbp, rule.pnbpPercent],
            [split.capital, rule.capitalPercent],
          ];
          for (const [part, percent] of parts) {
            expect(part).toBeGreaterThanOrEqual(0);
            expect(Math.abs(part - (split.profit * percent) / 100)).toBeLessThan(1);
          }
        }
        const undone = reverse(split);
        expect(split.premi + undone.premi + split.pnbp + undone.pnbp + split.capital + undone.capital).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('sums of many lines equal the sums of their parts (what reports rely on)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 5_000_000 }), fc.integer({ min: 0, max: 5_000_000 })), { maxLength: 50 }), rules, (lines, rule) => {
        const splits = lines.map(([gross, cost]) => splitLine(gross, cost, rule));
        const total = (pick: (s: (typeof splits)[number]) => number): number => splits.reduce((sum, s) => sum + pick(s), 0);
        expect(total((s) => s.premi) + total((s) => s.pnbp) + total((s) => s.capital)).toBe(total((s) => s.profit));
        expect(total((s) => s.gross) - total((s) => s.cost)).toBe(total((s) => s.profit));
      }),
    );
  });
});
