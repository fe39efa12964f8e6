import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { FontMetrics } from './font-metrics.js';
import { escapeXml, plainLine, wrapText } from './text-layout.js';

/** Open Graph's large-image size: WhatsApp, Facebook, X and Telegram all show it uncropped. */
export const SHARE_WIDTH = 1200;
export const SHARE_HEIGHT = 630;
/** WhatsApp drops previews over 300 KB; this leaves room. */
export const SHARE_MAX_BYTES = 290 * 1024;

/**
 * Bumped whenever the drawing changes, so every card gets a new hash (and URL) and caches refresh.
 * Part of the hash, never of the picture.
 */
const DESIGN_VERSION = 1;

/**
 * Debian's fonts-dejavu-core (installed in docker/Dockerfile and on the CI machines): one font
 * with Latin, Latin Extended, Greek and Cyrillic, referenced by family so librsvg draws exactly it,
 * and measured from the same files (FontMetrics).
 */
export const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
export const FONT_FAMILY = 'DejaVu Sans';

/** Everything drawn on a share picture: its hash is the picture's version. */
export interface ShareCard {
  /** Small line above the title (programme, "Cerita" ...). */
  label: string;
  title: string;
  /** `Rp125.000`, on products. */
  price?: string;
  /** A state worth saying on the picture ("Stok habis"). */
  badge?: string;
  /** Up to two lines under the title or price: facility, province. */
  detail: string;
  /** Bottom line: where the link goes. */
  footer: string;
  /** URL of a variant of the photo drawn on the left (it names the photo's content hash); without one, the brand artwork. */
  photo?: string;
}

/** The full SHA-256 of the card's content and design: equal cards are one stored picture. */
export function shareCardHash(card: ShareCard): string {
  const canonical: Required<Record<keyof ShareCard, string>> & { design: number } = {
    design: DESIGN_VERSION,
    label: card.label,
    title: card.title,
    price: card.price ?? '',
    badge: card.badge ?? '',
    detail: card.detail,
    footer: card.footer,
    photo: card.photo ?? '',
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

export const BROWN = '#5c2e00';
export const BROWN_LIGHT = '#7a4310';
export const CREAM = '#fbfaf7';
export const GOLD = '#ffd27a';

const PHOTO_WIDTH = 520;
const TEXT_X = PHOTO_WIDTH + 52;
const TEXT_WIDTH = SHARE_WIDTH - TEXT_X - 48;

export interface Fonts {
  bold: FontMetrics;
  regular: FontMetrics;
}

let fonts: Fonts | undefined;

export function loadFonts(): Fonts {
  if (fonts) return fonts;
  const bold = join(FONT_DIR, 'DejaVuSans-Bold.ttf');
  const regular = join(FONT_DIR, 'DejaVuSans.ttf');
  if (!existsSync(bold) || !existsSync(regular)) {
    throw new Error(`Share pictures need the DejaVu fonts in ${FONT_DIR} (Debian package fonts-dejavu-core)`);
  }
  fonts = { bold: FontMetrics.fromFile(bold), regular: FontMetrics.fromFile(regular) };
  return fonts;
}

function textElement(lines: readonly string[], y: number, lineHeight: number, size: number, weight: 400 | 700, fill: string): string {
  return lines
    .map(
      (line, index) =>
        `<text x="${TEXT_X}" y="${y + index * lineHeight}" font-family="${FONT_FAMILY}" font-size="${size}" font-weight="${weight}" fill="${fill}">${escapeXml(line)}</text>`,
    )
    .join('');
}

/** The shop-front mark of the favicon, at `size` pixels, top-left at (x, y). */
export function shopMark(x: number, y: number, size: number, fill: string, cutout: string): string {
  const scale = size / 32;
  return `<g transform="translate(${x} ${y}) scale(${scale})"><path d="M6 13h20l-2-6H8zM8 15h16v11H8z" fill="${fill}"/><path d="M13 19h6v7h-6z" fill="${cutout}"/></g>`;
}

/** The text half (and, without a photo, the artwork): one SVG the size of the picture. */
export function shareCardSvg(card: ShareCard): string {
  const { bold, regular } = loadFonts();
  const parts: string[] = [];
  if (!card.photo) {
    parts.push(`<rect width="${PHOTO_WIDTH}" height="${SHARE_HEIGHT}" fill="${BROWN_LIGHT}"/>`);
    parts.push(shopMark((PHOTO_WIDTH - 320) / 2, (SHARE_HEIGHT - 320) / 2 - 10, 320, CREAM, BROWN_LIGHT));
  }
  parts.push(`<rect x="${PHOTO_WIDTH}" width="10" height="${SHARE_HEIGHT}" fill="${GOLD}"/>`);
  let y = 96;
  const label = wrapText(plainLine(card.label).toUpperCase(), bold, 28, TEXT_WIDTH, 1);
  parts.push(textElement(label, y, 0, 28, 700, GOLD));
  y += 78;
  const title = wrapText(card.title, bold, 54, TEXT_WIDTH, 2);
  parts.push(textElement(title, y, 66, 54, 700, CREAM));
  y += 66 * (title.length - 1) + 20;
  if (card.price) {
    y += 76;
    parts.push(textElement(wrapText(card.price, bold, 64, TEXT_WIDTH, 1), y, 0, 64, 700, GOLD));
  }
  if (card.badge) {
    y += 62;
    const badge = wrapText(card.badge, bold, 28, TEXT_WIDTH - 32, 1)[0] ?? '';
    const width = Math.ceil(bold.width(badge, 28)) + 32;
    parts.push(`<rect x="${TEXT_X}" y="${y - 32}" width="${width}" height="44" rx="8" fill="${CREAM}"/>`);
    parts.push(`<text x="${TEXT_X + 16}" y="${y}" font-family="${FONT_FAMILY}" font-size="28" font-weight="700" fill="${BROWN}">${escapeXml(badge)}</text>`);
  }
  y += 62;
  parts.push(textElement(wrapText(card.detail, regular, 32, TEXT_WIDTH, 2), y, 42, 32, 400, CREAM));
  parts.push(shopMark(TEXT_X - 4, SHARE_HEIGHT - 84, 44, GOLD, BROWN));
  parts.push(textElement(wrapText(card.footer, bold, 28, TEXT_WIDTH - 56, 1), SHARE_HEIGHT - 50, 0, 28, 700, CREAM).replace(`x="${TEXT_X}"`, `x="${TEXT_X + 52}"`));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SHARE_WIDTH}" height="${SHARE_HEIGHT}" viewBox="0 0 ${SHARE_WIDTH} ${SHARE_HEIGHT}">${parts.join('')}</svg>`;
}

/**
 * The picture: the photo (cropped to fill the left part) beside the text on the brand colour,
 * as a baseline JPEG under SHARE_MAX_BYTES whatever the photo (noise compresses worst: quality
 * steps down until it fits). `photo` is the card's photo, or null to draw the artwork.
 */
export async function renderShareCard(card: ShareCard, photo: Buffer | null): Promise<Buffer> {
  const layers: sharp.OverlayOptions[] = [];
  if (photo) {
    const cropped = await sharp(photo).rotate().resize(PHOTO_WIDTH, SHARE_HEIGHT, { fit: 'cover', position: 'centre' }).flatten({ background: CREAM }).toBuffer();
    layers.push({ input: cropped, left: 0, top: 0 });
  }
  layers.push({ input: Buffer.from(shareCardSvg(photo ? card : { ...card, photo: undefined })), left: 0, top: 0 });
  const canvas = await sharp({ create: { width: SHARE_WIDTH, height: SHARE_HEIGHT, channels: 3, background: BROWN } })
    .composite(layers)
    .png()
    .toBuffer();
  return fittingJpeg(canvas, SHARE_MAX_BYTES);
}

/** A baseline JPEG of `canvas` under `maxBytes` (noise compresses worst: quality steps down until it fits). */
export async function fittingJpeg(canvas: Buffer, maxBytes: number): Promise<Buffer> {
  for (const quality of [82, 72, 62, 50, 40]) {
    // Baseline, not progressive: the oldest preview fetchers read it too.
    const jpeg = await sharp(canvas).jpeg({ quality, chromaSubsampling: '4:2:0', trellisQuantisation: true, overshootDeringing: true, quantisationTable: 3 }).toBuffer();
    if (jpeg.length <= maxBytes) return jpeg;
  }
  // Not reachable at these sizes; the smallest honest answer rather than none.
  return sharp(canvas).jpeg({ quality: 25 }).toBuffer();
}
