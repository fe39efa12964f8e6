import { formatOrderNumber, hashOrderToken, newOrderToken, OrderTokenDeriver, orderTokenMatches } from './order-token';

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

  describe('derived for an Idempotency-Key', () => {
    const deriver = new OrderTokenDeriver('test-secret-that-is-long-enough-for-hs256-0123456789');
    const ref = { scope: 'anon:abc', key: 'checkout-1' };

    it('are the same for the same requester, key and order, and look like any other token', () => {
      const token = deriver.derive(ref, 'ETL-2026-000001');
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(deriver.derive({ ...ref }, 'ETL-2026-000001')).toBe(token);
    });

    it('differ for another requester, key, order or app secret', () => {
      const token = deriver.derive(ref, 'ETL-2026-000001');
      const others = [
        deriver.derive({ ...ref, scope: 'anon:abd' }, 'ETL-2026-000001'),
        deriver.derive({ ...ref, key: 'checkout-2' }, 'ETL-2026-000001'),
        deriver.derive(ref, 'ETL-2026-000002'),
        new OrderTokenDeriver('another-secret-that-is-long-enough-for-hs256-01234').derive(ref, 'ETL-2026-000001'),
        // The fields are separated, so moving a character across them changes the token.
        deriver.derive({ scope: 'anon:abc\ncheckout-1', key: '' }, 'ETL-2026-000001'),
      ];
      expect(new Set([token, ...others]).size).toBe(others.length + 1);
    });
  });
});
