import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { decodeHeif, HeifTooLarge } from './heif-decoder.js';
import { heifPrimarySize } from './heif-header.js';
import { ImageTooLarge, ImageUnreadable, UnsupportedImageType } from './media.errors.js';
import { IMAGE_VARIANTS, ImageVariant } from './media.types.js';

/** HEIC/HEIF (what iPhones take) is decoded by libheif in a worker thread, then goes the same way as the rest. */
const HEIF_TYPES: ReadonlySet<string> = new Set(['image/heic', 'image/heif']);
export const ACCEPTED_IMAGE_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/webp', ...HEIF_TYPES]);

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
 * Sniffs the type from the bytes (JPEG, PNG, WebP, HEIC/HEIF only), then decodes with sharp (HEIF:
 * its declared size checked first, then decoded in a worker, see sourceOf): rotated upright
 * by its EXIF orientation, and re-encoded as WebP at each IMAGE_VARIANTS size without enlarging.
 * sharp writes no metadata unless asked, so EXIF (GPS, camera serial), XMP, IPTC and ICC are gone.
 * `field` names the upload in error messages.
 */
export async function processImage(buffer: Buffer, field = 'file'): Promise<ProcessedImage> {
  const type = await fileTypeFromBuffer(buffer);
  if (!type || !ACCEPTED_IMAGE_TYPES.has(type.mime)) throw new UnsupportedImageType(field, type ? `${type.mime} (.${type.ext})` : 'of unknown type');

  const source = await sourceOf(buffer, type.mime, field);
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

const MAX_PIXELS = MAX_INPUT_MEGAPIXELS * 1_000_000;

/**
 * The decoded picture as sharp input. A HEIF file's declared size is read from its boxes and
 * refused over the limit before a byte is decoded (a decompression bomb); within it, libheif decodes
 * in a worker thread (already upright: it applies the file's rotation) and the RGBA goes on as
 * raw pixels, without a trace of the original's metadata.
 */
async function sourceOf(buffer: Buffer, mime: string, field: string): Promise<sharp.Sharp> {
  if (!HEIF_TYPES.has(mime)) return sharp(buffer, { failOn: 'error', limitInputPixels: MAX_PIXELS }).rotate();
  const size = heifPrimarySize(buffer);
  if (!size) throw new ImageUnreadable(field);
  if (size.width * size.height > MAX_PIXELS) throw new ImageTooLarge(field, MAX_INPUT_MEGAPIXELS);
  const decoded = await decodeHeif(buffer, MAX_PIXELS).catch((error: unknown) => {
    throw error instanceof HeifTooLarge ? new ImageTooLarge(field, MAX_INPUT_MEGAPIXELS) : new ImageUnreadable(field);
  });
  const raw = { width: decoded.width, height: decoded.height, channels: 4 as const };
  const { isOpaque } = await sharp(decoded.rgba, { raw }).stats();
  const source = sharp(decoded.rgba, { raw, limitInputPixels: MAX_PIXELS });
  // A photo has no transparency: an opaque alpha channel would only make the WebP larger.
  return isOpaque ? source.removeAlpha() : source;
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
