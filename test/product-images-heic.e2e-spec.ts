import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import request from 'supertest';
import type { Problem } from '../src/common/errors/problem';
import type { ProductImageView } from '../src/catalog/product.views';
import type { Facility } from '../src/facilities/facility.entity';
import { makeProduct } from './support/catalog-factories';
import { makeFacility, MadeUser, signedInAs, Tokens } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type SignedIn = MadeUser & Tokens & { bearer: string };

const PRODUCTS = '/api/v1/admin/products';
const FIXTURES = join(__dirname, 'fixtures');

function expectProblem(response: request.Response, status: number, code: string): Problem {
  expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status, body: { status, code } });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  return response.body as Problem;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/** Mean red, green and blue of an image. */
async function meanColour(image: Buffer): Promise<number[]> {
  const stats = await sharp(image).stats();
  return stats.channels.slice(0, 3).map((channel) => channel.mean);
}

/**
 * iPhone photos are HEIC (HEVC inside), which sharp's own build cannot decode: libheif (wasm) in a
 * worker thread decodes them, then they take the JPEG's path. The fixtures: DSCN0010.heic is the
 * camera JPEG DSCN0010.jpg (Nikon EXIF with GPS) encoded by libheif's heif-enc, EXIF carried over;
 * bomb-8000x7000.heic is a 64x48 HEIC of 491 bytes whose primary image declares 8000x7000.
 */
describe('product photos: HEIC uploads', () => {
  let t: TestApp;
  let uploadsDir: string;
  let facilityA: Facility;
  let adminA: SignedIn;
  let adminB: SignedIn;
  let heic: Buffer;
  let bomb: Buffer;
  let jpeg: Buffer;

  beforeAll(async () => {
    uploadsDir = await mkdtemp(join(tmpdir(), 'etalase-heic-'));
    heic = await readFile(join(FIXTURES, 'heic', 'DSCN0010.heic'));
    bomb = await readFile(join(FIXTURES, 'heic', 'bomb-8000x7000.heic'));
    jpeg = await readFile(join(FIXTURES, 'photos', 'DSCN0010.jpg'));
    t = await startTestApp({ UPLOADS_DIR: uploadsDir });
    facilityA = await makeFacility(t.dataSource);
    adminA = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: facilityA });
    adminB = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: await makeFacility(t.dataSource) });
  });
  afterAll(async () => {
    await t.close();
    await rm(uploadsDir, { recursive: true, force: true });
  });

  function upload(who: SignedIn, productId: string, name: string, body: Buffer, key?: string): request.Test {
    let req = request(t.http).post(`${PRODUCTS}/${productId}/images`).set('Authorization', who.bearer).field('alt', 'Kain sasirangan');
    if (key) req = req.set('Idempotency-Key', key);
    return req.attach('files', body, { filename: name, contentType: 'image/heic' });
  }

  function fetchMedia(url: string): request.Test {
    return request(t.http).get(new URL(url).pathname).buffer(true).parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
  }

  it('accepts an iPhone HEIC with 201, stored as WebP variants with no EXIF, GPS or camera name, looking like the same photo as JPEG', async () => {
    // The fixture really is HEIC with the camera's EXIF, which sharp here cannot read.
    expect(heic.toString('latin1', 4, 12)).toBe('ftypheic');
    expect(heic.includes('Exif')).toBe(true);
    expect(heic.includes('NIKON')).toBe(true);
    await expect(sharp(heic).toBuffer()).rejects.toThrow();

    const product = await makeProduct(t.dataSource, facilityA);
    const response = await upload(adminA, product.id, 'IMG_0001.HEIC', heic);
    expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status: 201 });
    const [image] = response.body as ProductImageView[];
    expect(image).toMatchObject({ alt: 'Kain sasirangan', position: 0, width: 640, height: 480 });

    const sizes = { thumbUrl: [200, 150], mediumUrl: [600, 450], largeUrl: [640, 480] };
    for (const [field, [width, height]] of Object.entries(sizes)) {
      const served = await fetchMedia(image?.[field as keyof typeof sizes] ?? '').expect(200);
      expect(served.headers['content-type']).toBe('image/webp');
      const bytes = served.body as Buffer;
      const meta = await sharp(bytes).metadata();
      expect({ field, format: meta.format, width: meta.width, height: meta.height, exif: meta.exif, xmp: meta.xmp, hasAlpha: meta.hasAlpha }).toEqual({
        field,
        format: 'webp',
        width,
        height,
        exif: undefined,
        xmp: undefined,
        hasAlpha: false,
      });
      expect(bytes.includes('Exif')).toBe(false);
      expect(bytes.includes('NIKON')).toBe(false);
    }

    // Decoded for real, not a blank canvas: its colours match the JPEG it was made from.
    const large = (await fetchMedia(image?.largeUrl ?? '').expect(200)).body as Buffer;
    const fromHeic = await meanColour(large);
    const fromJpeg = await meanColour(jpeg);
    fromHeic.forEach((value, channel) => expect(Math.abs(value - (fromJpeg[channel] ?? 0))).toBeLessThan(8));
  });

  it('answers a retry of the same HEIC with the same Idempotency-Key with the photo already stored', async () => {
    const product = await makeProduct(t.dataSource, facilityA);
    const first = await upload(adminA, product.id, 'IMG_0002.HEIC', heic, 'heic-retry-1').expect(201);
    const again = await upload(adminA, product.id, 'IMG_0002.HEIC', heic, 'heic-retry-1').expect(201);
    expect((again.body as ProductImageView[]).map((image) => image.id)).toEqual((first.body as ProductImageView[]).map((image) => image.id));
    expect(await t.dataSource.query('SELECT id FROM product_image WHERE product_id = $1', [product.id])).toHaveLength(1);
  });

  describe('refusals store nothing', () => {
    let filesBefore: string[];
    beforeEach(async () => {
      filesBefore = await listFiles(uploadsDir);
    });
    afterEach(async () => {
      expect(await listFiles(uploadsDir)).toEqual(filesBefore);
    });

    it('refuses a HEIC that declares 8000x7000 (56 MP) with 413 before decoding it', async () => {
      const product = await makeProduct(t.dataSource, facilityA);
      const problem = expectProblem(await upload(adminA, product.id, 'bomb.heic', bomb), 413, 'PAYLOAD_TOO_LARGE');
      expect(problem.errors).toEqual([{ field: 'files[0]', message: 'has more than 50 megapixels' }]);
      expect(await t.dataSource.query('SELECT id FROM product_image WHERE product_id = $1', [product.id])).toEqual([]);
    });

    it('refuses a HEIC cut short (inside its picture data, or inside its boxes) with 400', async () => {
      const product = await makeProduct(t.dataSource, facilityA);
      // The boxes are whole, the coded picture is cut short: libheif itself refuses it.
      const damaged = heic.subarray(0, Math.floor(heic.length * 0.6));
      const problem = expectProblem(await upload(adminA, product.id, 'damaged.heic', damaged), 400, 'VALIDATION_FAILED');
      expect(problem.errors?.map((error) => error.field)).toEqual(['files[0]']);
      const cut = expectProblem(await upload(adminA, product.id, 'cut.heic', heic.subarray(0, 300)), 400, 'VALIDATION_FAILED');
      expect(cut.errors?.map((error) => error.field)).toEqual(['files[0]']);
    });

    it("answers 404 to another facility's admin without decoding", async () => {
      const product = await makeProduct(t.dataSource, facilityA);
      expectProblem(await upload(adminB, product.id, 'IMG_0003.HEIC', heic), 404, 'NOT_FOUND');
    });
  });
});
