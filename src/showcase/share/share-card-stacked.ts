import sharp from 'sharp';
import { BROWN, BROWN_LIGHT, CREAM, fittingJpeg, FONT_FAMILY, GOLD, loadFonts, type ShareCard, shopMark } from './share-card.js';
import { escapeXml, plainLine, wrapText } from './text-layout.js';

/** The share kit's other pictures: Instagram's square post and the 9:16 story (WhatsApp status, Instagram, TikTok). */
export const STACKED_FORMATS = {
  square: { width: 1080, height: 1080, photoHeight: 540, titleLines: 2, scale: 1 },
  /** Seen full screen on a phone: larger type fills the taller text part. */
  story: { width: 1080, height: 1920, photoHeight: 1080, titleLines: 3, scale: 1.3 },
} as const;
export type StackedFormat = keyof typeof STACKED_FORMATS;

/** Bumped whenever the stacked drawing changes: part of these pictures' hash (and URL), so caches refresh. */
export const STACKED_DESIGN_VERSION = 1;

/** Larger than a preview: these are posted, not fetched by a link-preview bot. */
const STACKED_MAX_BYTES = 600 * 1024;
const MARGIN = 64;

function lines(text: readonly string[], x: number, y: number, lineHeight: number, size: number, weight: 400 | 700, fill: string): string {
  return text
    .map((line, index) => `<text x="${x}" y="${y + index * lineHeight}" font-family="${FONT_FAMILY}" font-size="${size}" font-weight="${weight}" fill="${fill}">${escapeXml(line)}</text>`)
    .join('');
}

/** The text part under the photo (and, without a photo, the artwork in its place), as one SVG the size of the picture. */
export function stackedCardSvg(card: ShareCard, format: StackedFormat): string {
  const { width, height, photoHeight, titleLines, scale } = STACKED_FORMATS[format];
  const { bold, regular } = loadFonts();
  const px = (value: number): number => Math.round(value * scale);
  const textWidth = width - 2 * MARGIN;
  const parts: string[] = [];
  if (!card.photo) {
    parts.push(`<rect width="${width}" height="${photoHeight}" fill="${BROWN_LIGHT}"/>`);
    const mark = Math.min(photoHeight - 80, 360);
    parts.push(shopMark((width - mark) / 2, (photoHeight - mark) / 2, mark, CREAM, BROWN_LIGHT));
  }
  parts.push(`<rect y="${photoHeight}" width="${width}" height="10" fill="${GOLD}"/>`);
  let y = photoHeight + px(80);
  parts.push(lines(wrapText(plainLine(card.label).toUpperCase(), bold, px(30), textWidth, 1), MARGIN, y, 0, px(30), 700, GOLD));
  y += px(76);
  const title = wrapText(card.title, bold, px(56), textWidth, titleLines);
  parts.push(lines(title, MARGIN, y, px(68), px(56), 700, CREAM));
  y += px(68) * (title.length - 1);
  if (card.price) {
    y += px(88);
    parts.push(lines(wrapText(card.price, bold, px(68), textWidth, 1), MARGIN, y, 0, px(68), 700, GOLD));
  }
  if (card.badge) {
    y += px(68);
    const badge = wrapText(card.badge, bold, px(30), textWidth - 32, 1)[0] ?? '';
    const badgeWidth = Math.ceil(bold.width(badge, px(30))) + 32;
    parts.push(`<rect x="${MARGIN}" y="${y - px(34)}" width="${badgeWidth}" height="${px(46)}" rx="8" fill="${CREAM}"/>`);
    parts.push(lines([badge], MARGIN + 16, y, 0, px(30), 700, BROWN));
  }
  y += px(70);
  parts.push(lines(wrapText(card.detail, regular, px(34), textWidth, 2), MARGIN, y, px(44), px(34), 400, CREAM));
  parts.push(shopMark(MARGIN - 4, height - px(96), px(48), GOLD, BROWN));
  parts.push(lines(wrapText(card.footer, bold, px(30), textWidth - px(60), 1), MARGIN + px(56), height - px(60), 0, px(30), 700, CREAM));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

/**
 * The same card as the 1200x630 preview, stacked for a phone screen: the photo across the top,
 * the text under it on the brand colour. `photo` null draws the artwork.
 */
export async function renderStackedCard(card: ShareCard, photo: Buffer | null, format: StackedFormat): Promise<Buffer> {
  const { width, height, photoHeight } = STACKED_FORMATS[format];
  const layers: sharp.OverlayOptions[] = [];
  if (photo) {
    const cropped = await sharp(photo).rotate().resize(width, photoHeight, { fit: 'cover', position: 'centre' }).flatten({ background: CREAM }).toBuffer();
    layers.push({ input: cropped, left: 0, top: 0 });
  }
  layers.push({ input: Buffer.from(stackedCardSvg(photo ? card : { ...card, photo: undefined }, format)), left: 0, top: 0 });
  const canvas = await sharp({ create: { width, height, channels: 3, background: BROWN } }).composite(layers).png().toBuffer();
  return fittingJpeg(canvas, STACKED_MAX_BYTES);
}
