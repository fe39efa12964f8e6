import { LineSplit, reverse, splitLine, SplitShares } from './revenue-split.math.js';

/**
 * The revenue-split ledger as pure arithmetic (no I/O): the SALE entry of a paid line, and the
 * REFUND entries of any sequence of full and partial refunds, by units (admin refunds) or by
 * amount (a refund made in the payment provider's dashboard). Services persist what this computes.
 *
 * Every refund takes its share of what is *left* of the line, never of the original sale, so:
 * each part of what is left (gross, cost, profit, premi, PNBP, working capital) stays between zero
 * and the sale's own part, the parts always add up (premi + PNBP + capital = profit = gross - cost),
 * and the refund that empties a line reverses exactly what is left, to the rupiah.
 */

/** A line as the ledger sees it: its sale and the sum of its refunds so far (non-positive). */
export interface LedgerLine {
  /** The order item id; refunds are apportioned over lines in the order given. */
  id: string;
  quantity: number;
  refundedQuantity: number;
  sale: LineSplit;
  refunded: LineSplit;
}

/** One REFUND entry to write: negative amounts, `quantity` the units it gives back (0 for money only). */
export interface LedgerRefund {
  lineId: string;
  quantity: number;
  amount: number;
  entry: LineSplit;
}

/** How an amount refunded at the provider falls on the order: per line, then shipping. */
export interface AmountAllocation {
  lines: LedgerRefund[];
  shipping: number;
}

const ZERO: LineSplit = { gross: 0, cost: 0, profit: 0, premi: 0, pnbp: 0, capital: 0 };

/** The SALE entry of a paid line, under the facility's rule in force when it was paid. */
export function saleOf(line: { unitPrice: number; unitCost: number | null; quantity: number }, rule: SplitShares): LineSplit {
  return splitLine(line.unitPrice * line.quantity, (line.unitCost ?? 0) * line.quantity, rule);
}

export function leftOf(line: LedgerLine): LineSplit {
  return add(line.sale, line.refunded);
}

export function unitsLeft(line: LedgerLine): number {
  return line.quantity - line.refundedQuantity;
}

/**
 * Gives back `units` units of a line: what is left, times units / units left (rounded down), so a
 * line never refunded gives back exactly its unit price per unit and the last units what remains.
 */
export function refundUnits(line: LedgerLine, units: number): LedgerRefund {
  const left = unitsLeft(line);
  if (!Number.isInteger(units) || units < 1 || units > left) throw new RangeError(`Cannot refund ${units} of the ${left} units left of line ${line.id}`);
  return take(line, units, left, units);
}

/** Gives back `amount` rupiah of a line (money only, no units back unless it empties the line). */
export function refundAmount(line: LedgerLine, amount: number): LedgerRefund {
  const gross = leftOf(line).gross;
  if (!Number.isInteger(amount) || amount < 0 || amount > gross) throw new RangeError(`Cannot refund Rp${amount} of the Rp${gross} left of line ${line.id}`);
  if (amount === gross && gross > 0) return take(line, 1, 1, unitsLeft(line));
  return take(line, amount, gross, 0);
}

/**
 * Spreads an amount refunded at the provider (which says nothing about lines) over the order:
 * the lines first, pro rata by what is left of each (largest remainder, ties to the earlier line),
 * never more than a line has left; shipping only takes what the lines cannot. Refunding
 * everything that is left empties every line, free ones included.
 */
export function allocateAmount(lines: readonly LedgerLine[], shippingLeft: number, amount: number): AmountAllocation {
  const lefts = lines.map((line) => leftOf(line).gross);
  const linesLeft = lefts.reduce((sum, gross) => sum + gross, 0);
  if (!Number.isInteger(amount) || amount < 0 || amount > linesLeft + shippingLeft) {
    throw new RangeError(`Cannot refund Rp${amount} of the Rp${linesLeft + shippingLeft} left of the order`);
  }
  if (amount === linesLeft + shippingLeft) {
    return { lines: lines.filter((line) => unitsLeft(line) > 0 || !isZero(leftOf(line))).map((line) => take(line, 1, 1, unitsLeft(line))), shipping: shippingLeft };
  }
  const onLines = Math.min(amount, linesLeft);
  const shares = apportion(onLines, lefts);
  const refunds = lines.flatMap((line, i) => {
    const share = shares[i] ?? 0;
    return share > 0 ? [refundAmount(line, share)] : [];
  });
  return { lines: refunds, shipping: amount - onLines };
}

/** The line after `refund` is written. */
export function applied(line: LedgerLine, refund: LedgerRefund): LedgerLine {
  return { ...line, refundedQuantity: line.refundedQuantity + refund.quantity, refunded: add(line.refunded, refund.entry) };
}

/**
 * The share `num / den` of what is left of a line, as a REFUND entry. Gross and cost are rounded
 * down; profit is their difference, which lies between zero and the profit left (a loss: between
 * the loss left and zero); it is split over what is left of premi, PNBP and capital in proportion
 * to them, so no part can be taken below zero.
 */
function take(line: LedgerLine, num: number, den: number, units: number): LedgerRefund {
  const left = leftOf(line);
  if (num === den) return { lineId: line.id, quantity: units, amount: left.gross, entry: reverse(left) };
  const gross = scaled(left.gross, num, den);
  const cost = scaled(left.cost, num, den);
  const profit = gross - cost;
  let premi = 0;
  let pnbp = 0;
  let capital = profit;
  if (left.profit > 0) [premi, pnbp, capital] = apportion(profit, [left.premi, left.pnbp, left.capital]) as [number, number, number];
  return { lineId: line.id, quantity: units, amount: gross, entry: reverse({ gross, cost, profit, premi, pnbp, capital }) };
}

/** floor(value * num / den) without losing precision on large rupiah amounts. */
function scaled(value: number, num: number, den: number): number {
  return Number((BigInt(value) * BigInt(num)) / BigInt(den));
}

/**
 * Divides a non-negative whole `total` over non-negative integer `weights` in proportion, exactly:
 * floors first, then the rupiah left over to the largest remainders (ties: the earlier weight).
 * When every weight is zero nothing can be divided and `total` must be zero.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) {
    if (total !== 0) throw new RangeError(`Cannot divide Rp${total} over nothing`);
    return weights.map(() => 0);
  }
  const bigTotal = BigInt(total);
  const bigSum = BigInt(sum);
  const exact = weights.map((weight) => bigTotal * BigInt(weight));
  const shares = exact.map((value) => Number(value / bigSum));
  let rest = total - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((value, index) => ({ index, remainder: value % bigSum })).sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of order) {
    if (rest === 0) break;
    shares[index] = (shares[index] ?? 0) + 1;
    rest -= 1;
  }
  return shares;
}

export function add(a: LineSplit, b: LineSplit): LineSplit {
  return {
    gross: a.gross + b.gross,
    cost: a.cost + b.cost,
    profit: a.profit + b.profit,
    premi: a.premi + b.premi,
    pnbp: a.pnbp + b.pnbp,
    capital: a.capital + b.capital,
  };
}

/** The sum of entries, e.g. a line's REFUND rows; ZERO for none. */
export function total(entries: readonly LineSplit[]): LineSplit {
  return entries.reduce(add, ZERO);
}

function isZero(split: LineSplit): boolean {
  return Object.values(split).every((value) => value === 0);
}
