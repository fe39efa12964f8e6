import { boundedMemo } from '../cache/bounded-memo.js';

/** Instants whose text is kept (some 100 bytes each, so a few MB): every product's two on many list pages. */
const KNOWN_INSTANTS = 20_000;

const isoOfMillis = boundedMemo(KNOWN_INSTANTS, (millis: number) => new Date(millis).toISOString());

/**
 * `date.toISOString()`, remembered per instant. A list page writes two timestamps per product, the
 * same products' on request after request: toISOString costs about 450 ns, a lookup about 10, and
 * the 50 of a catalog page were some 3% of its CPU (issue 18). An invalid date throws as
 * toISOString does.
 */
export function isoTimestamp(date: Date): string {
  return isoOfMillis(date.getTime());
}
