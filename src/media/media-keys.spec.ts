import { createHash } from 'node:crypto';
import { imageKey, imageKeys } from './media-keys';

const HASH = createHash('sha256').update('a picture').digest('hex');

describe('image keys', () => {
  it('names each variant images/<first two hex digits>/<hash>/<variant>.webp', () => {
    expect(imageKey(HASH, 'large')).toBe(`images/${HASH.slice(0, 2)}/${HASH}/large.webp`);
    expect(imageKeys(HASH)).toEqual({
      thumb: `images/${HASH.slice(0, 2)}/${HASH}/thumb.webp`,
      medium: `images/${HASH.slice(0, 2)}/${HASH}/medium.webp`,
      large: `images/${HASH.slice(0, 2)}/${HASH}/large.webp`,
    });
  });

  it.each([
    ['empty', ''],
    ['too short', HASH.slice(1)],
    ['upper case', HASH.toUpperCase()],
    ['a traversal', `../${HASH.slice(3)}`],
    ['a path', `${HASH.slice(0, 32)}/${HASH.slice(33)}`],
    ['non-hex', `${HASH.slice(0, 63)}g`],
  ])('refuses a content hash that is %s', (_label, hash) => {
    expect(() => imageKey(hash, 'thumb')).toThrow(/content hash/);
  });
});
