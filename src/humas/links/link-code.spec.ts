import { CODE_ALPHABET, CODE_LENGTH, newLinkCode, normaliseLinkCode } from './link-code';

describe('share link codes', () => {
  it('are seven characters of the alphabet, without look-alikes', () => {
    for (let i = 0; i < 500; i += 1) {
      const code = newLinkCode();
      expect(code).toHaveLength(CODE_LENGTH);
      expect([...code].every((char) => CODE_ALPHABET.includes(char))).toBe(true);
      expect(code).not.toMatch(/[01ilo]/);
      expect(normaliseLinkCode(code)).toBe(code);
    }
  });

  it('forgive upper case and refuse what cannot be a code', () => {
    expect(normaliseLinkCode('K7MQ3XD')).toBe('k7mq3xd');
    expect(normaliseLinkCode('k7mq3x')).toBeUndefined();
    expect(normaliseLinkCode('k7mq3xo')).toBeUndefined();
    expect(normaliseLinkCode('k7mq3x1')).toBeUndefined();
    expect(normaliseLinkCode(['k7mq3xd'])).toBeUndefined();
  });
});
