import { DomainError } from '../errors/domain-error';
import { decodeCursor, encodeCursor, toPage } from './cursor';

describe('cursors', () => {
  it('round-trips the sort key values', () => {
    const cursor = encodeCursor(['Lapas Banjarmasin', 'c0a8', 42]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, ['string', 'string', 'number'] as const)).toEqual(['Lapas Banjarmasin', 'c0a8', 42]);
  });

  it.each(['not-base64!', encodeCursor(['a']), encodeCursor([1, 'b']), Buffer.from('{"a":1}').toString('base64url'), ''])(
    'refuses a cursor it did not issue for this query: %s',
    (cursor) => {
      expect(() => decodeCursor(cursor, ['string', 'string'] as const)).toThrow(DomainError);
    },
  );

  it('builds a page from limit + 1 rows', () => {
    const rows = [1, 2, 3, 4];
    const full = toPage(rows, 3, (n) => [n], (n) => n * 10);
    expect(full.data).toEqual([10, 20, 30]);
    expect(decodeCursor(full.nextCursor ?? '', ['number'] as const)).toEqual([3]);
    const last = toPage([1, 2], 3, (n) => [n], (n) => n);
    expect(last).toEqual({ data: [1, 2], nextCursor: null });
  });
});
