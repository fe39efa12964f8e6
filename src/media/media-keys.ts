import { IMAGE_VARIANTS, ImageVariant } from './media.types.js';

const CONTENT_HASH = /^[0-9a-f]{64}$/;

export const IMAGE_VARIANT_NAMES = Object.keys(IMAGE_VARIANTS) as ImageVariant[];

/**
 * The storage key of one variant: `images/<first two hex digits>/<hash>/<variant>.webp`. The
 * prefix directory keeps any one directory small; the hash makes the file cacheable forever.
 */
export function imageKey(contentHash: string, variant: ImageVariant): string {
  if (!CONTENT_HASH.test(contentHash)) throw new Error(`Not a SHA-256 hex content hash: ${JSON.stringify(contentHash)}`);
  return `images/${contentHash.slice(0, 2)}/${contentHash}/${variant}.webp`;
}

/** Every variant's key for one image. */
export function imageKeys(contentHash: string): Record<ImageVariant, string> {
  // imageKey's names, the hash checked once rather than once a variant (issue 18: the check ran
  // three times for every image of every product listed).
  const one = imageKey(contentHash, 'thumb');
  const folder = one.slice(0, one.length - 'thumb.webp'.length);
  return { thumb: one, medium: `${folder}medium.webp`, large: `${folder}large.webp` };
}

const IMAGE_URL = /\/images\/[0-9a-f]{2}\/([0-9a-f]{64})\/(?:thumb|medium|large)\.webp$/;

/** The content hash in the URL of any variant (urlsFor), or undefined for any other URL. */
export function contentHashOfImageUrl(url: string): string | undefined {
  return IMAGE_URL.exec(url)?.[1];
}

/**
 * Where an image derived from others is kept, by the hash of everything it is made from (a share
 * picture: `derived/ab/<hash>.jpg`). Outside `images/`: no row names them, so the media sweep
 * judges them by age alone (DERIVED_MAX_AGE_DAYS), and a missing one is drawn again.
 */
export function derivedKey(contentHash: string, extension: 'jpg'): string {
  if (!CONTENT_HASH.test(contentHash)) throw new Error(`Not a SHA-256 hex content hash: ${JSON.stringify(contentHash)}`);
  return `derived/${contentHash.slice(0, 2)}/${contentHash}.${extension}`;
}
