export interface SplitShares {
  premiPercent: number;
  pnbpPercent: number;
  capitalPercent: number;
}

/** One sale line (or its reversal) in integer rupiah: premi + pnbp + capital = profit, always. */
export interface LineSplit {
  gross: number;
  cost: number;
  profit: number;
  premi: number;
  pnbp: number;
  capital: number;
}

/**
 * Splits a line's profit by the facility's rule, in whole rupiah, by the largest-remainder method:
 * each share gets the floor of its exact part, and the rupiah left over go to the largest
 * fractional parts (ties in the order premi, PNBP, capital), so the parts always add up.
 * A loss has nothing to share: working capital carries it.
 */
export function splitLine(gross: number, cost: number, shares: SplitShares): LineSplit {
  assertWholeRupiah(gross, cost);
  if (shares.premiPercent + shares.pnbpPercent + shares.capitalPercent !== 100) {
    throw new Error('A split rule must add up to 100 percent');
  }
  const profit = gross - cost;
  if (profit <= 0) return { gross, cost, profit, premi: 0, pnbp: 0, capital: profit };
  const [premi, pnbp, capital] = largestRemainder(profit, [shares.premiPercent, shares.pnbpPercent, shares.capitalPercent]) as [
    number,
    number,
    number,
  ];
  return { gross, cost, profit, premi, pnbp, capital };
}

/** The entry that undoes `split` (a refund): every amount negated (`0 - x`, so a zero stays 0, not -0). */
export function reverse(split: LineSplit): LineSplit {
  return {
    gross: 0 - split.gross,
    cost: 0 - split.cost,
    profit: 0 - split.profit,
    premi: 0 - split.premi,
    pnbp: 0 - split.pnbp,
    capital: 0 - split.capital,
  };
}

/** Divides a non-negative whole amount by integer weights summing to 100, exactly. */
export function largestRemainder(amount: number, percents: readonly number[]): number[] {
  // Work in hundredths so the arithmetic stays in integers (amounts are far below 2^53 / 100).
  const exact = percents.map((percent) => amount * percent);
  const floors = exact.map((value) => Math.floor(value / 100));
  let left = amount - floors.reduce((sum, value) => sum + value, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value % 100 }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left === 0) break;
    floors[index] = (floors[index] ?? 0) + 1;
    left -= 1;
  }
  return floors;
}

function assertWholeRupiah(...amounts: number[]): void {
  for (const amount of amounts) {
    if (!Number.isSafeInteger(amount)) throw new Error(`Money must be whole rupiah, got ${amount}`);
  }
}
