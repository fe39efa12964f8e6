import { odonMeasure, odonTarget, ratio } from './odon';
import { buckets, dayCount, monthDays, weekStart } from './period';
import { rankByScore, SCORE_WEIGHTS } from './ranking-score';

describe('One Day One News', () => {
  it('targets one item per unit per day', () => {
    expect(odonTarget(12, 30)).toBe(360);
    expect(odonTarget(1, 1)).toBe(1);
    expect(odonTarget(0, 30)).toBe(0);
  });

  it('measures attainment uncapped, and zero without a target', () => {
    expect(odonMeasure(180, 12, 30, 150)).toEqual({ published: 180, target: 360, attainment: 0.5, unitDaysCovered: 150 });
    expect(odonMeasure(45, 1, 30, 30).attainment).toBe(1.5);
    expect(odonMeasure(1, 3, 1, 1).attainment).toBe(0.3333);
    expect(odonMeasure(5, 0, 30, 0).attainment).toBe(0);
    expect(ratio(2, 0)).toBe(0);
  });
});

describe('composite Humas score', () => {
  const entry = (id: string, odonAttainment: number, uniqueVisitors: number, orders: number, newListings: number) => ({ id, name: id, odonAttainment, uniqueVisitors, orders, newListings });

  it('weighs ODON 40 and the rest 20 each, out of 100', () => {
    expect(Object.values(SCORE_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('normalises each measure to the best and caps ODON at 100%', () => {
    const ranked = rankByScore([entry('a', 0.5, 100, 4, 0), entry('b', 2, 50, 8, 10), entry('c', 0, 0, 0, 0)]);
    expect(ranked.map((row) => [row.id, row.score, row.rank])).toEqual([
      ['b', 40 + 10 + 20 + 20, 1],
      ['a', 20 + 20 + 10 + 0, 2],
      ['c', 0, 3],
    ]);
  });

  it('gives equal scores the same rank and skips the next', () => {
    const ranked = rankByScore([entry('x', 1, 10, 1, 1), entry('y', 1, 10, 1, 1), entry('z', 0.5, 10, 1, 1)]);
    expect(ranked.map((row) => row.rank)).toEqual([1, 1, 3]);
    expect(ranked[2]?.score).toBe(80);
  });

  it('scores nobody on a measure no one has', () => {
    expect(rankByScore([entry('a', 0, 0, 0, 0)])).toEqual([{ ...entry('a', 0, 0, 0, 0), score: 0, rank: 1 }]);
    expect(rankByScore([])).toEqual([]);
  });
});

describe('periods on the WIB calendar', () => {
  it('knows month lengths, leap years included', () => {
    expect(monthDays('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(monthDays('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(dayCount('2026-11-01', '2026-11-30')).toBe(30);
    expect(dayCount('2026-12-31', '2027-01-01')).toBe(2);
  });

  it('groups days into ISO weeks (Monday) and months, clipped to the period', () => {
    expect(weekStart('2026-11-01')).toBe('2026-10-26');
    expect(weekStart('2026-11-02')).toBe('2026-11-02');
    expect(buckets('2026-11-01', '2026-11-10', 'week')).toEqual([
      { key: '2026-10-26', from: '2026-11-01', to: '2026-11-01' },
      { key: '2026-11-02', from: '2026-11-02', to: '2026-11-08' },
      { key: '2026-11-09', from: '2026-11-09', to: '2026-11-10' },
    ]);
    expect(buckets('2026-11-20', '2026-12-02', 'month').map((b) => [b.key, b.from, b.to])).toEqual([
      ['2026-11', '2026-11-20', '2026-11-30'],
      ['2026-12', '2026-12-01', '2026-12-02'],
    ]);
  });
});
