import { AnswerSealer } from './answer-sealer';

describe('AnswerSealer', () => {
  const sealer = new AnswerSealer('app-secret-one');
  const answer = '{"number":"ETL-2026-000001","customer":{"email":"siti@example.com"},"payment":{"clientSecret":"pi_1_secret_2"}}';

  it('opens what it sealed for the same record, and the sealed text shows none of it', () => {
    const sealed = sealer.seal(answer, 'anon:abc\nkey-1');
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    for (const part of ['siti@example.com', 'pi_1_secret_2', 'ETL-2026']) expect(sealed).not.toContain(part);
    expect(sealer.open(sealed, 'anon:abc\nkey-1')).toBe(answer);
    expect(sealer.seal(answer, 'anon:abc\nkey-1')).not.toBe(sealed);
  });

  it('does not open for another record, under another app secret, or when altered', () => {
    const sealed = sealer.seal(answer, 'anon:abc\nkey-1');
    expect(sealer.open(sealed, 'anon:abc\nkey-2')).toBeUndefined();
    expect(sealer.open(sealed, 'partner:p1\nkey-1')).toBeUndefined();
    expect(new AnswerSealer('app-secret-two').open(sealed, 'anon:abc\nkey-1')).toBeUndefined();
    const middle = Math.floor(sealed.length / 2);
    const altered = `${sealed.slice(0, middle)}${sealed[middle] === 'A' ? 'B' : 'A'}${sealed.slice(middle + 1)}`;
    expect(sealer.open(altered, 'anon:abc\nkey-1')).toBeUndefined();
    expect(sealer.open('v2.abc', 'anon:abc\nkey-1')).toBeUndefined();
    expect(sealer.open('v1.', 'anon:abc\nkey-1')).toBeUndefined();
  });
});
