/**
 * `compute` remembered per key, for pure functions asked the same thing on request after request
 * (a product's image URLs, a description's plain text). At most `size` results are kept; when full,
 * all are dropped at once: simpler than an LRU and, for these, rarely reached.
 */
export function boundedMemo<K, V>(size: number, compute: (key: K) => V): (key: K) => V {
  if (!Number.isInteger(size) || size < 1) throw new Error(`Not a cache size: ${size}`);
  const kept = new Map<K, V>();
  return (key: K): V => {
    const known = kept.get(key);
    if (known !== undefined || kept.has(key)) return known as V;
    const value = compute(key);
    if (kept.size >= size) kept.clear();
    kept.set(key, value);
    return value;
  };
}
