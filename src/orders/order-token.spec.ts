import { formatOrderNumber, hashOrderToken, newOrderToken, orderTokenMatches } from './order-token';

describe('order tokens', () => {
  it('are 32 random bytes in base64url, different every time', () => {
    const token = newOrderToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newOrderToken()).not.toBe(token);
  });

  it('are stored as a SHA-256 hex digest, never as themselves', () => {
    const token = newOrderToken();
    const hash = hashOrderToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(hashOrderToken(token)).toBe(hash);
  });

  it('match only the token they were made from', () => {
    const token = newOrderToken();
    const hash = hashOrderToken(token);
    expect(orderTokenMatches(token, hash)).toBe(true);
    expect(orderTokenMatches(newOrderToken(), hash)).toBe(false);
    expect(orderTokenMatches(undefined, hash)).toBe(false);
    expect(orderTokenMatches('', hash)).toBe(false);
    expect(orderTokenMatches(token, 'not-a-hash')).toBe(false);
  });
});

describe('formatOrderNumber', () => {
  it('pads the sequence to six digits', () => {
    expect(formatOrderNumber(2026, 123)).toBe('ETL-2026-000123');
    expect(formatOrderNumber(2026, '1234567')).toBe('ETL-2026-1234567');
  });
});
