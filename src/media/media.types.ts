/** Longest side, in pixels, of each WebP variant made from an upload. */
export const IMAGE_VARIANTS = { thumb: 200, medium: 600, large: 1200 } as const;
export type ImageVariant = keyof typeof IMAGE_VARIANTS;

/** An image cleaned and stored: its files are named by the hash of the cleaned pixels. */
export interface StoredImage {
  contentHash: string;
  /** Of the large variant. */
  width: number;
  height: number;
}

export interface ImageUrls {
  thumbUrl: string;
  mediumUrl: string;
  largeUrl: string;
}

/** Longest alternative text an image may carry, wherever it is shown. */
export const MAX_ALT_LENGTH = 300;
