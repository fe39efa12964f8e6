import { createHash } from 'node:crypto';
import { contentHashOfImageUrl, derivedKey, imageKey, imageKeys } from './media-keys';

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

describe('contentHashOfImageUrl and derivedKey', () => {
  const hash = 'ab'.repeat(32);

  it('finds the content hash in the URL of any variant, on any store', () => {
    for (const variant of ['thumb', 'medium', 'large']) {
      expect(contentHashOfImageUrl(`https://etalase.example.id/media/images/ab/${hash}/${variant}.webp`)).toBe(hash);
      expect(contentHashOfImageUrl(`https://cdn.example.id/bucket/images/ab/${hash}/${variant}.webp`)).toBe(hash);
    }
    expect(contentHashOfImageUrl(`https://etalase.example.id/media/images/ab/${hash}/original.webp`)).toBeUndefined();
    expect(contentHashOfImageUrl('https://etalase.example.id/favicon.svg')).toBeUndefined();
  });

  it('keeps derived pictures outside images/, where the media sweep looks', () => {
    expect(derivedKey(hash, 'jpg')).toBe(`derived/ab/${hash}.jpg`);
    expect(() => derivedKey('../../etc', 'jpg')).toThrow();
  });
});
