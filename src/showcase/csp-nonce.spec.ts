import { nextCspNonce } from './csp-nonce.js';

describe('nextCspNonce', () => {
  it('is 16 bytes in base64', () => {
    expect(Buffer.from(nextCspNonce(), 'base64')).toHaveLength(16);
    expect(nextCspNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it('never repeats, across several refills of its pool', () => {
    // 4 KB pools of 16-byte nonces: 256 per pool, so 2,000 spans eight refills.
    const nonces = Array.from({ length: 2000 }, () => nextCspNonce());
    expect(new Set(nonces).size).toBe(nonces.length);
  });
});
