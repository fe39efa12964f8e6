import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { DomainError } from '../common/errors/domain-error';
import { processImage } from './image-pipeline';

const PHOTOS = join(__dirname, '..', '..', 'test', 'fixtures', 'photos');
const photo = (name: string): Promise<Buffer> => readFile(join(PHOTOS, name));

async function expectDomainError(promise: Promise<unknown>, code: string, detail: RegExp): Promise<void> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect(error).toMatchObject({ code });
  expect((error as DomainError).detail).toMatch(detail);
}

/** A PNG that claims width x height (60 megapixels fit in a few bytes: that is the attack). */
function pngHeader(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
    return Buffer.concat([length, Buffer.from(type, 'latin1'), data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, no filter, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(width + 1))), chunk('IEND', Buffer.alloc(0))]);
}

function solid(width: number, height: number): sharp.Sharp {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } });
}

describe('processImage', () => {
  it('makes upright WebP variants that fit 200/600/1200 without enlarging, hashed by the large one', async () => {
    const source = await solid(3000, 1500).jpeg().toBuffer();
    const image = await processImage(source);
    const sizes = await Promise.all(
      (['thumb', 'medium', 'large'] as const).map(async (variant) => {
        const meta = await sharp(image.variants[variant]).metadata();
        return [variant, meta.format, meta.width, meta.height];
      }),
    );
    expect(sizes).toEqual([
      ['thumb', 'webp', 200, 100],
      ['medium', 'webp', 600, 300],
      ['large', 'webp', 1200, 600],
    ]);
    expect({ width: image.width, height: image.height }).toEqual({ width: 1200, height: 600 });
    expect(image.contentHash).toBe(createHash('sha256').update(image.variants.large).digest('hex'));
    expect((await processImage(source)).contentHash).toBe(image.contentHash);
  });

  it('never enlarges a small image', async () => {
    const image = await processImage(await solid(150, 90).png().toBuffer());
    for (const variant of ['thumb', 'medium', 'large'] as const) {
      const meta = await sharp(image.variants[variant]).metadata();
      expect([variant, meta.width, meta.height]).toEqual([variant, 150, 90]);
    }
  });

  it('accepts PNG and WebP as well as JPEG', async () => {
    await expect(processImage(await solid(40, 30).png().toBuffer())).resolves.toMatchObject({ width: 40, height: 30 });
    await expect(processImage(await solid(40, 30).webp().toBuffer())).resolves.toMatchObject({ width: 40, height: 30 });
  });

  it('drops EXIF (GPS), XMP, IPTC and ICC from a camera photo', async () => {
    const original = await photo('DSCN0010.jpg');
    const before = await sharp(original).metadata();
    expect(before.exif).toBeDefined(); // the fixture really carries EXIF
    const image = await processImage(original);
    for (const variant of ['thumb', 'medium', 'large'] as const) {
      const meta = await sharp(image.variants[variant]).metadata();
      expect({ variant, exif: meta.exif, xmp: meta.xmp, iptc: meta.iptc, icc: meta.icc, orientation: meta.orientation }).toEqual({
        variant,
        exif: undefined,
        xmp: undefined,
        iptc: undefined,
        icc: undefined,
        orientation: undefined,
      });
      expect(image.variants[variant].includes('Exif')).toBe(false);
    }
  });

  it('turns a photo upright by its EXIF orientation', async () => {
    const image = await processImage(await photo('landscape_6.jpg'));
    expect({ width: image.width, height: image.height }).toEqual({ width: 600, height: 450 });
  });

  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n'), /application\/pdf/],
    ['a GIF', Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64'), /image\/gif/],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'), /unknown type/],
    ['plain text', Buffer.from('just some words, not a picture at all'), /unknown type/],
    ['nothing', Buffer.alloc(0), /unknown type/],
  ])('refuses %s by its bytes with UNSUPPORTED_MEDIA_TYPE naming what it is', async (_label, bytes, detail) => {
    await expectDomainError(processImage(bytes, 'files[3]'), 'UNSUPPORTED_MEDIA_TYPE', detail);
    await expectDomainError(processImage(bytes, 'files[3]'), 'UNSUPPORTED_MEDIA_TYPE', /^files\[3\] /);
  });

  it('refuses a corrupt image (right magic bytes, broken body) as a client error', async () => {
    const jpeg = await photo('DSCN0010.jpg');
    const corrupt = Buffer.concat([jpeg.subarray(0, 4096), Buffer.alloc(4096, 0x5a)]);
    await expectDomainError(processImage(corrupt), 'VALIDATION_FAILED', /could not be decoded/);
    await expectDomainError(processImage(jpeg.subarray(0, jpeg.length / 2)), 'VALIDATION_FAILED', /could not be decoded/);
    const png = await solid(64, 64).png().toBuffer();
    await expectDomainError(processImage(png.subarray(0, 60)), 'VALIDATION_FAILED', /could not be decoded/);
  });

  it('refuses an image with more pixels than the limit (a decompression bomb) with PAYLOAD_TOO_LARGE', async () => {
    const bomb = pngHeader(10_000, 6_000);
    expect(await sharp(bomb).metadata()).toMatchObject({ format: 'png', width: 10_000, height: 6_000 });
    await expectDomainError(processImage(bomb), 'PAYLOAD_TOO_LARGE', /50 megapixels/);
  });
});
