import { isoTimestamp } from './iso-timestamp.js';

describe('isoTimestamp', () => {
  it.each([
    ['a catalog timestamp', Date.UTC(2026, 11, 8, 0, 27, 28, 420)],
    ['the epoch', 0],
    ['before the epoch', Date.UTC(1969, 11, 31, 23, 59, 59, 999)],
    ['a leap day', Date.UTC(2028, 1, 29, 12, 0, 0, 5)],
  ])('is toISOString for %s', (_label, millis) => {
    expect(isoTimestamp(new Date(millis))).toBe(new Date(millis).toISOString());
  });

  it('answers each instant with its own text when asked again', () => {
    const first = new Date(Date.UTC(2026, 0, 1));
    const second = new Date(Date.UTC(2026, 0, 2));
    expect([isoTimestamp(first), isoTimestamp(second), isoTimestamp(new Date(first.getTime()))]).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-01-02T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
    ]);
  });

  it('throws for an invalid date, as toISOString does', () => {
    expect(() => isoTimestamp(new Date(Number.NaN))).toThrow(RangeError);
  });
});
