import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { ImageTooLarge, ImageUnreadable, UnsupportedImageType } from './media.errors.js';
import { IMAGE_VARIANTS, ImageVariant } from './media.types.js';

export const ACCEPTED_IMAGE_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** Beyond this the decode alone would take hundreds of megabytes. */
export const MAX_INPUT_MEGAPIXELS = 50;

export const WEBP_QUALITY = 80;

/** An upload turned into what Etalase stores: upright WebP variants without any metadata. */
export interface ProcessedImage {
  /** SHA-256 (hex) of the large variant's bytes. */
  contentHash: string;
  /** Of the large variant. */
  width: number;
  height: number;
  variants: Record<ImageVariant, Buffer>;
}

/**
 * Sniffs the type from the bytes (JPEG, PNG, WebP only), then decodes with sharp: rotated upright
 * by its EXIF orientation, and re-encoded as WebP at each IMAGE_VARIANTS size without enlarging.
 * sharp writes no metadata unless asked, so EXIF (GPS, camera serial), XMP, IPTC and ICC are gone.
 * `field` names the upload in error messages.
 */
export async function processImage(buffer: Buffer, field = 'file'): Promise<ProcessedImage> {
  const type = await fileTypeFromBuffer(buffer);
  if (!type || !ACCEPTED_IMAGE_TYPES.has(type.mime)) throw new UnsupportedImageType(field, type ? `${type.mime} (.${type.ext})` : 'of unknown type');

  const source = sharp(buffer, { failOn: 'error', limitInputPixels: MAX_INPUT_MEGAPIXELS * 1_000_000 }).rotate();
  try {
    const large = await encodeVariant(source, 'large');
    const [medium, thumb] = await Promise.all([encodeVariant(source, 'medium'), encodeVariant(source, 'thumb')]);
    return {
      contentHash: createHash('sha256').update(large.data).digest('hex'),
      width: large.info.width,
      height: large.info.height,
      variants: { thumb: thumb.data, medium: medium.data, large: large.data },
    };
  } catch (error) {
    if (/pixel limit/i.test(messageOf(error))) throw new ImageTooLarge(field, MAX_INPUT_MEGAPIXELS);
    // Everything sharp refuses here is about the input: the pipeline itself is fixed.
    throw new ImageUnreadable(field);
  }
}

function encodeVariant(source: sharp.Sharp, variant: ImageVariant): Promise<{ data: Buffer; info: sharp.OutputInfo }> {
  const size = IMAGE_VARIANTS[variant];
  return source
    .clone()
    .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: WEBP_QUALITY })
    .toBuffer({ resolveWithObject: true });
}

function messageOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
}
