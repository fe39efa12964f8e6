import { HitTally, unsentAllowance, type TallyStore } from './hit-tally';
import type { KeyHits, WindowCount } from './rate-limit-store';

/** A store shared by "processes" (tallies), with its calls recorded; it can be made to fail. */
class FakeStore implements TallyStore {
  readonly counts = new Map<string, number>();
  readonly hits: string[] = [];
  readonly batches: KeyHits[][] = [];
  failing = false;
  resetSeconds = 30;

  async hit(key: string): Promise<WindowCount> {
    if (this.failing) throw new Error('store down');
    this.hits.push(key);
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return { count, resetSeconds: this.resetSeconds };
  }

  async hitMany(hits: readonly KeyHits[]): Promise<Map<string, WindowCount>> {
    if (this.failing) throw new Error('store down');
    this.batches.push(hits.map((hit) => ({ ...hit })));
    return new Map(
      hits.map(({ key, count }) => {
        const total = (this.counts.get(key) ?? 0) + count;
        this.counts.set(key, total);
        return [key, { count: total, resetSeconds: this.resetSeconds }];
      }),
    );
  }
}

describe('HitTally', () => {
  let now: number;
  let store: FakeStore;
  const tally = (): HitTally => new HitTally(store, { windowSeconds: 60, now: () => now });
  const statuses = async (counter: HitTally, key: string, limit: number, n: number): Promise<number[]> => {
    const counts: number[] = [];
    for (let i = 0; i < n; i += 1) counts.push((await counter.hit(key, limit)).count);
    return counts;
  };

  beforeEach(() => {
    now = 1_000_000;
    store = new FakeStore();
  });

  it('lets a process through at most 5% of a quota unsent (at least one)', () => {
    expect([unsentAllowance(20), unsentAllowance(100), unsentAllowance(300), unsentAllowance(1200)]).toEqual([1, 5, 15, 60]);
  });

  it('counts a quota under 20 in the store on every request, nothing in memory', async () => {
    const counter = tally();
    expect(await statuses(counter, 'ip:a', 19, 4)).toEqual([1, 2, 3, 4]);
    expect(store.hits).toEqual(['ip:a', 'ip:a', 'ip:a', 'ip:a']);
    await counter.flush();
    expect(store.batches).toEqual([]);
    expect(counter.size).toBe(0);
  });

  it("counts a key's first request of a window in the store, later ones in memory, and sends them in one batch", async () => {
    const counter = tally();
    expect(await statuses(counter, 'ip:a', 300, 4)).toEqual([1, 2, 3, 4]);
    expect(await statuses(counter, 'ip:b', 300, 2)).toEqual([1, 2]);
    expect(store.hits).toEqual(['ip:a', 'ip:b']);
    await counter.flush();
    expect(store.batches).toEqual([
      [
        { key: 'ip:a', count: 3 },
        { key: 'ip:b', count: 1 },
      ],
    ]);
    expect(store.counts.get('ip:a')).toBe(4);
    await counter.flush();
    expect(store.batches).toHaveLength(1);
  });

  it('makes the request past the unsent share wait for a flush, and decides it on the fresh count', async () => {
    const counter = tally();
    await counter.hit('ip:a', 100); // first: in the store
    expect(await statuses(counter, 'ip:a', 100, 5)).toEqual([2, 3, 4, 5, 6]);
    expect(store.batches).toEqual([]);
    // Another process counted 50 meanwhile: the sixth unsent request learns it from the flush it waits for.
    store.counts.set('ip:a', (store.counts.get('ip:a') ?? 0) + 50);
    expect((await counter.hit('ip:a', 100)).count).toBe(57);
    expect(store.batches).toEqual([[{ key: 'ip:a', count: 5 }]]);
  });

  it("refuses past the limit counting other processes' requests, and does not send refused ones", async () => {
    const first = tally();
    const second = tally();
    await statuses(first, 'key:k', 20, 11);
    await statuses(second, 'key:k', 20, 1);
    await first.flush();
    expect(store.counts.get('key:k')).toBe(12);
    const counts = await statuses(second, 'key:k', 20, 10);
    // Second knew 1 (its first request) then learns 11 more from the flush it waits for.
    expect(counts.filter((count) => count <= 20)).toHaveLength(8);
    await second.flush();
    expect(store.counts.get('key:k')).toBe(20);
    expect(counts.slice(-2)).toEqual([21, 21]);
  });

  it("starts over when the key's window ends: the next request is counted in the store again", async () => {
    const counter = tally();
    await statuses(counter, 'ip:a', 300, 3);
    now += 30_000;
    store.counts.clear();
    expect(await statuses(counter, 'ip:a', 300, 2)).toEqual([1, 2]);
    expect(store.hits).toEqual(['ip:a', 'ip:a']);
    // The two unsent requests of the ended window are dropped, not sent into the new one.
    await counter.flush();
    expect(store.batches).toEqual([[{ key: 'ip:a', count: 1 }]]);
  });

  it('fails a request that must wait for a flush while the store is down, and keeps the counts for the next flush', async () => {
    const counter = tally();
    await statuses(counter, 'ip:a', 20, 2);
    store.failing = true;
    await expect(counter.hit('ip:a', 20)).rejects.toThrow('store down');
    await expect(counter.flush()).rejects.toThrow('store down');
    store.failing = false;
    await counter.flush();
    expect(store.batches).toEqual([[{ key: 'ip:a', count: 1 }]]);
    expect(store.counts.get('ip:a')).toBe(2);
  });

  it('forgets keys whose window has ended', async () => {
    const counter = tally();
    await statuses(counter, 'ip:a', 300, 2);
    now += 31_000;
    await counter.flush();
    expect(counter.size).toBe(0);
  });
});
