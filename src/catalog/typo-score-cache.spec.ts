import { candidateWindow, TypoScoreCache, TypoScores } from './typo-score-cache';

const ID = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Best first as PostgreSQL orders (score DESC, id DESC). */
const SCORES: TypoScores = {
  generation: '7',
  candidates: [
    { id: ID(9), score: 1.6 },
    { id: ID(8), score: 1.6 },
    { id: ID(3), score: 1.6 },
    { id: ID(7), score: 0.8 },
    { id: ID(2), score: 0.8 },
    { id: ID(5), score: 0.6 },
  ],
  complete: true,
};

describe('candidateWindow', () => {
  it('starts at the best candidate without a cursor', () => {
    expect(candidateWindow(SCORES, undefined, 2)).toEqual({ candidates: SCORES.candidates.slice(0, 2), exhaustive: false });
  });

  it('continues after the cursor, between equal scores by id, and knows when it reached the end', () => {
    expect(candidateWindow(SCORES, { key: 1.6, id: ID(8) }, 3)).toEqual({ candidates: SCORES.candidates.slice(2, 5), exhaustive: false });
    expect(candidateWindow(SCORES, { key: 1.6, id: ID(3) }, 3)).toEqual({ candidates: SCORES.candidates.slice(3), exhaustive: true });
    expect(candidateWindow(SCORES, { key: 0.6, id: ID(5) }, 3)).toEqual({ candidates: [], exhaustive: true });
  });

  it('places a cursor that is not a kept candidate where its score and id fall (an uppercase id too)', () => {
    expect(candidateWindow(SCORES, { key: 1.0, id: ID(1) }, undefined).candidates).toEqual(SCORES.candidates.slice(3));
    expect(candidateWindow(SCORES, { key: 0.8, id: ID(4).toUpperCase() }, undefined).candidates).toEqual(SCORES.candidates.slice(4));
  });

  it('is never exhaustive when the search found more than was kept', () => {
    expect(candidateWindow({ ...SCORES, complete: false }, { key: 0.8, id: ID(7) }, undefined)).toEqual({ candidates: SCORES.candidates.slice(4), exhaustive: false });
  });
});

describe('TypoScoreCache', () => {
  it('scores a search once for the requests that ask while it is scored, then keeps it', async () => {
    const cache = new TypoScoreCache(2);
    const compute = jest.fn(async () => SCORES);
    const [first, second] = await Promise.all([cache.get('batk', compute), cache.get('batk', compute)]);
    expect(first).toBe(SCORES);
    expect(second).toBe(SCORES);
    await cache.get('batk', compute);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('drops the least recently used search beyond its capacity', async () => {
    const cache = new TypoScoreCache(2);
    const compute = jest.fn(async () => SCORES);
    await cache.get('a', compute);
    await cache.get('b', compute);
    await cache.get('a', compute); // a is now the most recent
    await cache.get('c', compute); // b goes
    expect(cache.size).toBe(2);
    await cache.get('a', compute);
    expect(compute).toHaveBeenCalledTimes(3);
    await cache.get('b', compute);
    expect(compute).toHaveBeenCalledTimes(4);
  });

  it('peeks at kept scores without scoring, and a peek counts as a use', async () => {
    const cache = new TypoScoreCache(2);
    expect(cache.peek('a')).toBeUndefined();
    expect(cache.size).toBe(0);
    const compute = jest.fn(async () => SCORES);
    await cache.get('a', compute);
    await cache.get('b', compute);
    await expect(cache.peek('a')).resolves.toBe(SCORES); // a is now the most recent
    await cache.get('c', compute); // b goes
    expect(cache.peek('b')).toBeUndefined();
    expect(cache.peek('a')).toBeDefined();
    expect(compute).toHaveBeenCalledTimes(3);
  });

  it('does not keep a failed scoring', async () => {
    const cache = new TypoScoreCache(2);
    await expect(cache.get('batk', () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    expect(cache.size).toBe(0);
    await expect(cache.get('batk', async () => SCORES)).resolves.toBe(SCORES);
  });

  it('forgets stale scores, but not newer ones another request put in their place', async () => {
    const cache = new TypoScoreCache(2);
    await cache.get('batk', async () => SCORES);
    cache.forget('batk', SCORES);
    await Promise.resolve();
    await Promise.resolve();
    expect(cache.size).toBe(0);
    const newer: TypoScores = { ...SCORES, generation: '8' };
    await cache.get('batk', async () => newer);
    cache.forget('batk', SCORES);
    await Promise.resolve();
    await Promise.resolve();
    await expect(cache.get('batk', async () => SCORES)).resolves.toBe(newer);
  });
});
