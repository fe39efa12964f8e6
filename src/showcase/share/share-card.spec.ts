import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { renderShareCard, SHARE_HEIGHT, SHARE_WIDTH, type ShareCard, shareCardHash, shareCardSvg } from './share-card';

const CARD: ShareCard = {
  label: 'Pembinaan Kemandirian',
  title: 'Kain Sasirangan Motif Gigi Haruan Warna Alam Dicelup Tangan',
  price: 'Rp125.000',
  detail: 'Lapas Kelas IIA Banjarmasin, Kalimantan Selatan',
  footer: 'etalase.example.id',
  photo: 'a'.repeat(64),
};

/** The worst case for JPEG: a full-size photo of pure noise. */
async function noisyPhoto(): Promise<Buffer> {
  const pixels = Buffer.alloc(1200 * 1200 * 3);
  let seed = 42;
  for (let index = 0; index < pixels.length; index += 1) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    pixels[index] = seed >> 23;
  }
  return sharp(pixels, { raw: { width: 1200, height: 1200, channels: 3 } }).webp({ quality: 95 }).toBuffer();
}

describe('share cards', () => {
  it('are 1200x630 JPEGs under 300 KB, even with a photo of pure noise', async () => {
    const started = Date.now();
    const jpeg = await renderShareCard(CARD, await noisyPhoto());
    const meta = await sharp(jpeg).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'jpeg', width: SHARE_WIDTH, height: SHARE_HEIGHT });
    expect(meta.isProgressive).toBe(false);
    expect(jpeg.length).toBeLessThan(300 * 1024);
    // A person can look at what the test drew.
    writeFileSync(join(tmpdir(), 'etalase-share-noise.jpg'), jpeg);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('draw the brand artwork when there is no photo', async () => {
    const jpeg = await renderShareCard({ ...CARD, photo: undefined, badge: 'Stok habis' }, null);
    writeFileSync(join(tmpdir(), 'etalase-share-artwork.jpg'), jpeg);
    const { width, height } = await sharp(jpeg).metadata();
    expect([width, height]).toEqual([SHARE_WIDTH, SHARE_HEIGHT]);
    expect(jpeg.length).toBeLessThan(100 * 1024);
  });

  it('escape whatever a name holds, and stay a drawable SVG', async () => {
    const hostile = { ...CARD, title: '</text><script>alert(1)</script> & "quotes" \u0000\u0007 \ud800', detail: "O'Brien <b>" };
    const svg = shareCardSvg(hostile);
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&#60;/text&#62;&#60;script&#62;');
    const codes = [...svg].map((character) => character.codePointAt(0) ?? 0);
    expect(codes.filter((code) => code < 0x20 || (code >= 0xd800 && code <= 0xdfff))).toEqual([]);
    await expect(renderShareCard(hostile, null)).resolves.toBeInstanceOf(Buffer);
  });

  it('wrap a long name into two lines at most, ending with an ellipsis', () => {
    const svg = shareCardSvg({ ...CARD, title: 'Kain '.repeat(30) });
    const titleLines = [...svg.matchAll(/font-size="54"[^>]*>([^<]*)</g)].map((match) => match[1]);
    expect(titleLines).toHaveLength(2);
    expect(titleLines[1]).toMatch(/…$/);
  });

  it('are versioned by everything drawn', () => {
    const hash = shareCardHash(CARD);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(shareCardHash({ ...CARD })).toBe(hash);
    for (const change of [{ price: 'Rp130.000' }, { title: 'Kain' }, { photo: 'b'.repeat(64) }, { badge: 'Stok habis' }, { label: 'UMKM' }, { detail: 'x' }, { footer: 'y' }]) {
      expect(shareCardHash({ ...CARD, ...change })).not.toBe(hash);
    }
  });
});
