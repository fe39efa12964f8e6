import { firstLineOverLimit } from './quantity-limit';

describe('firstLineOverLimit', () => {
  const own = (maxPerOrder: number | null) => ({ maxPerOrder });

  it('accepts lines up to and including the limit', () => {
    expect(firstLineOverLimit([{ quantity: 10, product: own(null) }, { quantity: 50, product: own(50) }], 10)).toBeUndefined();
    expect(firstLineOverLimit([], 10)).toBeUndefined();
  });

  it('names the first line over its limit, by its position in the request', () => {
    const lines = [
      { quantity: 3, product: own(null) },
      { quantity: 11, product: own(null) },
      { quantity: 99, product: own(20) },
    ];
    expect(firstLineOverLimit(lines, 10)).toEqual({ index: 1, limit: 10 });
    expect(firstLineOverLimit(lines.slice(2), 10)).toEqual({ index: 0, limit: 20 });
  });

  it("holds a product to its own limit even below the default", () => {
    expect(firstLineOverLimit([{ quantity: 2, product: own(1) }], 10)).toEqual({ index: 0, limit: 1 });
  });
});
