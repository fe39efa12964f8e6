import { boundedMemo } from './bounded-memo';

describe('boundedMemo', () => {
  it('computes a key once and answers again from memory', () => {
    const seen: string[] = [];
    const upper = boundedMemo(10, (text: string) => {
      seen.push(text);
      return text.toUpperCase();
    });
    expect([upper('a'), upper('b'), upper('a')]).toEqual(['A', 'B', 'A']);
    expect(seen).toEqual(['a', 'b']);
  });

  it('remembers an undefined result too', () => {
    let calls = 0;
    const nothing = boundedMemo(10, (_key: number) => {
      calls += 1;
      return undefined;
    });
    nothing(1);
    nothing(1);
    expect(calls).toBe(1);
  });

  it('drops everything once full, and computes again', () => {
    const seen: number[] = [];
    const double = boundedMemo(2, (n: number) => {
      seen.push(n);
      return n * 2;
    });
    double(1);
    double(2);
    double(3); // full: 1 and 2 are forgotten
    expect([double(3), double(1)]).toEqual([6, 2]);
    expect(seen).toEqual([1, 2, 3, 1]);
  });

  it('refuses a size that keeps nothing', () => {
    expect(() => boundedMemo(0, (n: number) => n)).toThrow(/cache size/);
  });
});
