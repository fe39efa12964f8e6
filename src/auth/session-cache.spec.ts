import { SessionCache } from './session-cache';

describe('SessionCache', () => {
  let now = 0;
  const clock = (): number => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('answers from memory for at most the ttl, then not at all', () => {
    const cache = new SessionCache<string>(2_000, 10, clock);
    cache.set('s1', 'live');
    expect(cache.get('s1')).toBe('live');
    now += 1_999;
    expect(cache.get('s1')).toBe('live');
    now += 1;
    expect(cache.get('s1')).toBeUndefined();
  });

  it('keeps nothing with a ttl of 0', () => {
    const cache = new SessionCache<string>(0, 10, clock);
    cache.set('s1', 'live');
    expect(cache.get('s1')).toBeUndefined();
  });

  it('caches a null answer (a session that does not exist) as an answer', () => {
    const cache = new SessionCache<string | null>(2_000, 10, clock);
    cache.set('gone', null);
    expect(cache.get('gone')).toBeNull();
  });

  it('forgets one key, or every entry that matches', () => {
    const cache = new SessionCache<{ userId: string }>(2_000, 10, clock);
    cache.set('a', { userId: 'u1' });
    cache.set('b', { userId: 'u1' });
    cache.set('c', { userId: 'u2' });
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
    cache.deleteWhere((value) => value.userId === 'u1');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')).toEqual({ userId: 'u2' });
  });

  it('drops the oldest entry when full', () => {
    const cache = new SessionCache<number>(2_000, 2, clock);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
  });
});
