import { maxPerOrder } from '../catalog/product.rules.js';

export interface LimitedLine {
  quantity: number;
  product: { maxPerOrder: number | null };
}

/** The first line (in the order the client sent them) that asks for more than its product allows per order. */
export function firstLineOverLimit(lines: readonly LimitedLine[], defaultLimit: number): { index: number; limit: number } | undefined {
  for (const [index, line] of lines.entries()) {
    const limit = maxPerOrder(line.product, defaultLimit);
    if (line.quantity > limit) return { index, limit };
  }
  return undefined;
}
