import { createHash } from 'node:crypto';
import sharp from 'sharp';

/**
 * A stand-in "photo" for demo products: a lit gradient in the product's hue with a few soft
 * shapes, encoded as JPEG so it goes through the same upload pipeline as a camera picture.
 * Deterministic per seed text, so restarts reuse the stored files.
 */
export async function placeholderPhoto(seedText: string, hue: number, width = 800, height = 600): Promise<Buffer> {
  const digest = createHash('sha256').update(seedText).digest();
  const byte = (i: number): number => digest[i % digest.length] ?? 0;
  const shapes = Array.from({ length: 5 }, (_, i) => {
    const cx = Math.round((byte(i * 3) / 255) * width);
    const cy = Math.round((byte(i * 3 + 1) / 255) * height);
    const r = Math.round(40 + (byte(i * 3 + 2) / 255) * 160);
    const lightness = 35 + (byte(i + 20) % 40);
    return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="hsl(${(hue + i * 12) % 360},55%,${lightness}%)" fill-opacity="0.55"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${hue},60%,78%)"/><stop offset="1" stop-color="hsl(${(hue + 30) % 360},45%,38%)"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>${shapes}
    <rect x="${width * 0.3}" y="${height * 0.3}" width="${width * 0.4}" height="${height * 0.4}" rx="24" fill="hsl(${hue},30%,92%)" fill-opacity="0.35"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer();
}
