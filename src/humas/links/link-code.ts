import { randomInt } from 'node:crypto';

/**
 * Digits and lowercase letters without the look-alikes 0/o, 1/l/i: a code read off a poster is
 * typed right. 31^7 is about 2.75e10 codes, so a random one rarely collides (the unique index
 * catches the rare case and a new one is drawn).
 */
export const CODE_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
export const CODE_LENGTH = 7;
export const CODE_PATTERN = /^[2-9a-hjkmnp-z]{7}$/;

export function newLinkCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** A code as typed or scanned: upper case is forgiven; anything that cannot be a code is undefined. */
export function normaliseLinkCode(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const code = value.trim().toLowerCase();
  return CODE_PATTERN.test(code) ? code : undefined;
}
