import { hashSecret, newApiKey, parseApiKey, secretMatches } from './api-key-secret';

describe('API key secrets', () => {
  it('makes keys that parse back to their prefix and a secret matching the stored hash', () => {
    const made = newApiKey();
    expect(made.key).toMatch(/^etk_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{32}$/);
    const parsed = parseApiKey(made.key);
    expect(parsed?.prefix).toBe(made.prefix);
    expect(secretMatches(parsed?.secret ?? '', made.secretHash)).toBe(true);
    expect(made.secretHash).toBe(hashSecret(parsed?.secret ?? ''));
  });

  it('never makes the same key twice', () => {
    const keys = new Set(Array.from({ length: 500 }, () => newApiKey().key));
    expect(keys.size).toBe(500);
  });

  it.each(['', 'etk_', 'Bearer x', 'etk_short_secret', `etk_${'a'.repeat(12)}_${'b'.repeat(31)}`, `etk_${'a'.repeat(12)}_${'b'.repeat(32)}x`])('rejects the malformed key %j', (key) => {
    expect(parseApiKey(key)).toBeNull();
  });

  it('refuses a secret that differs in one character', () => {
    const made = newApiKey();
    const parsed = parseApiKey(made.key);
    const secret = parsed?.secret ?? '';
    const altered = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    expect(secretMatches(altered, made.secretHash)).toBe(false);
  });
});
