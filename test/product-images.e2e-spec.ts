import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import sharp from 'sharp';
import request from 'supertest';
import type { Problem } from '../src/common/errors/problem';
import type { ProductImageView } from '../src/catalog/product.views';
import { Product } from '../src/catalog/product.entity';
import type { Facility } from '../src/facilities/facility.entity';
import { makeProduct } from './support/catalog-factories';
import { kanwilId, makeFacility, MadeUser, signedInAs, Tokens } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type SignedIn = MadeUser & Tokens & { bearer: string };

const PRODUCTS = '/api/v1/admin/products';
const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const PHOTOS = join(__dirname, 'fixtures', 'photos');

interface Upload {
  name: string;
  body: Buffer;
  contentType?: string;
}

function expectProblem(response: request.Response, status: number, code: string): Problem {
  expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status, body: { status, code } });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  return response.body as Problem;
}

/** Every file under `dir` (dot-files included), relative and sorted: "nothing written" means this is unchanged. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/** The FourCC of every chunk in a RIFF/WebP file. */
function riffChunks(webp: Buffer): string[] {
  expect(webp.subarray(0, 4).toString('latin1')).toBe('RIFF');
  expect(webp.subarray(8, 12).toString('latin1')).toBe('WEBP');
  const chunks: string[] = [];
  for (let offset = 12; offset + 8 <= webp.length; ) {
    chunks.push(webp.subarray(offset, offset + 4).toString('latin1'));
    const size = webp.readUInt32LE(offset + 4);
    offset += 8 + size + (size % 2);
  }
  return chunks;
}

/**
 * The tags in the GPS IFD of a raw EXIF block (sharp's `metadata().exif`), [] without one: 1-4
 * are latitude and longitude with their N/S and E/W references.
 */
function gpsTags(exif: Buffer | undefined): number[] {
  if (!exif) return [];
  const tiff = exif.subarray(exif.indexOf('Exif\0\0') === 0 ? 6 : 0);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number): number => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number): number => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const entries = (ifd: number): { tag: number; value: number }[] =>
    Array.from({ length: u16(ifd) }, (_, i) => ({ tag: u16(ifd + 2 + i * 12), value: u32(ifd + 2 + i * 12 + 8) }));
  const gps = entries(u32(4)).find((entry) => entry.tag === 0x8825);
  return gps ? entries(gps.value).map((entry) => entry.tag) : [];
}

/** Mean brightness of the top and bottom 15% of rows: in these photos the sky is at the top. */
async function skyAndGround(image: Buffer): Promise<{ top: number; bottom: number }> {
  const { data, info } = await sharp(image).greyscale().raw().toBuffer({ resolveWithObject: true });
  const rows = Math.floor(info.height * 0.15);
  const mean = (from: number, to: number): number => {
    let sum = 0;
    for (let y = from; y < to; y += 1) for (let x = 0; x < info.width; x += 1) sum += data[y * info.width + x] ?? 0;
    return sum / ((to - from) * info.width);
  };
  return { top: mean(0, rows), bottom: mean(info.height - rows, info.height) };
}

const tinyPng = (red: number): Promise<Buffer> =>
  sharp({ create: { width: 8, height: 6, channels: 3, background: { r: red, g: 100, b: 50 } } }).png().toBuffer();

let pictures = 0;
/** A picture no other test uploads: files shared by content hash would otherwise outlive the test's own rows. */
async function uniquePicture(): Promise<Upload> {
  pictures += 1;
  const body = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: pictures % 256, g: 7, b: 201 } } }).png().toBuffer();
  return { name: `unique-${pictures}.png`, body, contentType: 'image/png' };
}

/** A PDF, named and declared as a JPEG: only its bytes tell. */
const FAKE_PDF: Upload = {
  name: 'invoice.jpg',
  contentType: 'image/jpeg',
  body: Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
};

describe('product photos: /api/v1/admin/products/:id/images', () => {
  let t: TestApp;
  let uploadsDir: string;
  let facilityA: Facility;
  let facilityB: Facility;
  let adminA: SignedIn;
  let adminB: SignedIn;
  let regionalBali: SignedIn;
  let photo: (name: string) => Upload;
  const fixtures = new Map<string, Buffer>();

  beforeAll(async () => {
    uploadsDir = await mkdtemp(join(tmpdir(), 'etalase-product-images-'));
    for (const name of ['DSCN0010.jpg', 'DSCN0021.jpg', 'landscape_6.jpg', 'portrait_8.jpg']) fixtures.set(name, await readFile(join(PHOTOS, name)));
    photo = (name) => ({ name, body: fixtures.get(name) as Buffer, contentType: 'image/jpeg' });
    t = await startTestApp({ UPLOADS_DIR: uploadsDir });
    facilityA = await makeFacility(t.dataSource);
    facilityB = await makeFacility(t.dataSource);
    adminA = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: facilityA });
    adminB = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: facilityB });
    regionalBali = await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: await kanwilId(t.dataSource, 'bali') });
  });
  afterAll(async () => {
    await t.close();
    await rm(uploadsDir, { recursive: true, force: true });
  });

  function upload(who: SignedIn | null, productId: string, files: Upload[], fields: Record<string, string> = {}): request.Test {
    let req = request(t.http).post(`${PRODUCTS}/${productId}/images`);
    if (who) req = req.set('Authorization', who.bearer);
    for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
    for (const file of files) req = req.attach('files', file.body, { filename: file.name, contentType: file.contentType ?? 'application/octet-stream' });
    return req;
  }

  async function uploaded(who: SignedIn, productId: string, files: Upload[], fields: Record<string, string> = {}): Promise<ProductImageView[]> {
    const response = await upload(who, productId, files, fields);
    expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status: 201 });
    return response.body as ProductImageView[];
  }

  const patch = (who: SignedIn, productId: string, imageId: string, body: object): request.Test =>
    request(t.http).patch(`${PRODUCTS}/${productId}/images/${imageId}`).set('Authorization', who.bearer).send(body);
  const remove = (who: SignedIn, productId: string, imageId: string): request.Test =>
    request(t.http).delete(`${PRODUCTS}/${productId}/images/${imageId}`).set('Authorization', who.bearer);

  /** Fetches a media URL through the app's own /media route. */
  function fetchMedia(url: string): request.Test {
    expect(url.startsWith(`${t.config.publicBaseUrl}/media/images/`)).toBe(true);
    return request(t.http).get(new URL(url).pathname).buffer(true).parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
  }

  async function expectMediaGone(url: string): Promise<void> {
    const response = await fetchMedia(url);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  }

  async function rowsOf(productId: string): Promise<{ id: string; content_hash: string; alt: string; position: number }[]> {
    return t.dataSource.query('SELECT id, content_hash, alt, position FROM product_image WHERE product_id = $1 ORDER BY position', [productId]);
  }

  const filesOf = (hash: string): string[] => ['large', 'medium', 'thumb'].map((variant) => `images/${hash.slice(0, 2)}/${hash}/${variant}.webp`);

  describe('upload', () => {
    it('stores a camera photo as three WebP variants served from /media, immutable, with no EXIF/GPS left', async () => {
      const product = await makeProduct(t.dataSource, facilityA);
      const original = fixtures.get('DSCN0010.jpg') as Buffer;
      const originalMeta = await sharp(original).metadata();
      expect(gpsTags(originalMeta.exif)).toEqual(expect.arrayContaining([1, 2, 3, 4])); // the fixture really carries a location

      const [image] = await uploaded(adminA, product.id, [photo('DSCN0010.jpg')], { alt: '  Kain sasirangan motif gigi haruan  ' });
      expect(image).toMatchObject({ alt: 'Kain sasirangan motif gigi haruan', position: 0, width: 640, height: 480 });
      const [row] = await rowsOf(product.id);
      expect(row?.id).toBe(image?.id);
      const hash = row?.content_hash ?? '';
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(image?.largeUrl).toBe(`${t.config.publicBaseUrl}/media/images/${hash.slice(0, 2)}/${hash}/large.webp`);
      expect(await listFiles(uploadsDir)).toEqual(expect.arrayContaining(filesOf(hash)));

      const expectedSize = { thumbUrl: [200, 150], mediumUrl: [600, 450], largeUrl: [640, 480] };
      for (const [field, [width, height]] of Object.entries(expectedSize)) {
        const url = image?.[field as keyof typeof expectedSize] ?? '';
        const response = await fetchMedia(url).expect(200);
        expect(response.headers['content-type']).toBe('image/webp');
        expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        const bytes = response.body as Buffer;
        const meta = await sharp(bytes).metadata();
        expect({ field, format: meta.format, width: meta.width, height: meta.height }).toEqual({ field, format: 'webp', width, height });
        expect({ exif: meta.exif, xmp: meta.xmp, iptc: meta.iptc, icc: meta.icc, orientation: meta.orientation }).toEqual({
          exif: undefined,
          xmp: undefined,
          iptc: undefined,
          icc: undefined,
          orientation: undefined,
        });
        expect(bytes.includes('Exif')).toBe(false);
        expect(bytes.includes('NIKON')).toBe(false); // the camera maker named in the original's EXIF
        expect(original.includes('NIKON')).toBe(true);
        expect(riffChunks(bytes).filter((chunk) => !['VP8 ', 'VP8L', 'VP8X', 'ALPH'].includes(chunk))).toEqual([]);
      }
    });

    it.each([
      ['landscape_6.jpg', 6, { width: 450, height: 600 }, { width: 600, height: 450 }],
      ['portrait_8.jpg', 8, { width: 600, height: 450 }, { width: 450, height: 600 }],
    ])('serves %s (EXIF orientation %i) upright', async (name, orientation, stored, upright) => {
      const original = fixtures.get(name) as Buffer;
      const meta = await sharp(original).metadata();
      expect({ orientation: meta.orientation, width: meta.width, height: meta.height }).toEqual({ orientation, ...stored });
      // Shown as stored, the sky is on a side, not at the top: the check below tells the difference.
      const sideways = await skyAndGround(original);
      expect(Math.abs(sideways.top - sideways.bottom)).toBeLessThan(25);

      const product = await makeProduct(t.dataSource, facilityA);
      const [image] = await uploaded(adminA, product.id, [photo(name)]);
      expect({ width: image?.width, height: image?.height }).toEqual(upright);
      const large = (await fetchMedia(image?.largeUrl ?? '').expect(200)).body as Buffer;
      const served = await sharp(large).metadata();
      expect({ width: served.width, height: served.height, orientation: served.orientation }).toEqual({ ...upright, orientation: undefined });
      const { top, bottom } = await skyAndGround(large);
      expect(top).toBeGreaterThan(bottom + 25);
    });

    it('adds images after the existing ones, touches the product and writes the audit log', async () => {
      const product = await makeProduct(t.dataSource, facilityA);
      const before = await t.dataSource.getRepository(Product).findOneByOrFail({ id: product.id });
      const first = await uploaded(adminA, product.id, [photo('DSCN0010.jpg'), photo('DSCN0021.jpg')]);
      expect(first.map((image) => image.position)).toEqual([0, 1]);
      const second = await uploaded(adminA, product.id, [photo('landscape_6.jpg')], { alt: 'Air terjun' });
      expect(second.map((image) => [image.position, image.alt])).toEqual([[2, 'Air terjun']]);

      const after = await t.dataSource.getRepository(Product).findOneByOrFail({ id: product.id });
      expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
      expect(after.version).toBe(before.version + 2);

      const events = await t.dataSource.query<{ action: string; actor_id: string; facility_id: string; changes: { images: { from: unknown[]; to: unknown[] } } }[]>(
        `SELECT action, actor_id, facility_id, changes FROM audit_event WHERE entity_type = 'product' AND entity_id = $1 ORDER BY created_at`,
        [product.id],
      );
      expect(events.map((e) => [e.action, e.actor_id, e.facility_id])).toEqual([
        ['product.images.add', adminA.user.id, facilityA.id],
        ['product.images.add', adminA.user.id, facilityA.id],
      ]);
      expect(events[1]?.changes.images.from).toHaveLength(2);
      expect(events[1]?.changes.images.to).toHaveLength(3);
    });

    it('gives concurrent uploads to one product distinct positions', async () => {
      const product = await makeProduct(t.dataSource, facilityA);
      const responses = await Promise.all([1, 2, 3, 4].map(async (n) => upload(adminA, product.id, [{ name: `${n}.png`, body: await tinyPng(n * 40), contentType: 'image/png' }])));
      expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      expect((await rowsOf(product.id)).map((row) => row.position)).toEqual([0, 1, 2, 3]);
    });

    describe('refusals leave no rows and no files', () => {
      let product: Product;
      let filesBefore: string[];

      beforeEach(async () => {
        product = await makeProduct(t.dataSource, facilityA);
        filesBefore = await listFiles(uploadsDir);
      });
      afterEach(async () => {
        expect(await rowsOf(product.id)).toEqual([]);
        expect(await listFiles(uploadsDir)).toEqual(filesBefore);
      });

      it('refuses a PDF named .jpg with 415 UNSUPPORTED_MEDIA_TYPE naming what it is', async () => {
        const problem = expectProblem(await upload(adminA, product.id, [FAKE_PDF]), 415, 'UNSUPPORTED_MEDIA_TYPE');
        expect(problem.detail).toMatch(/application\/pdf/);
        expect(problem.errors).toEqual([{ field: 'files[0]', message: expect.stringMatching(/JPEG, PNG and WebP/) as unknown }]);
      });

      it('refuses a valid photo and a PDF together with 415 and stores neither', async () => {
        const problem = expectProblem(await upload(adminA, product.id, [photo('portrait_8.jpg'), FAKE_PDF]), 415, 'UNSUPPORTED_MEDIA_TYPE');
        expect(problem.errors?.map((e) => e.field)).toEqual(['files[1]']);
      });

      it('refuses unknown bytes with 415 "unknown type"', async () => {
        const problem = expectProblem(await upload(adminA, product.id, [{ name: 'a.png', body: Buffer.from('not an image at all'), contentType: 'image/png' }]), 415, 'UNSUPPORTED_MEDIA_TYPE');
        expect(problem.detail).toMatch(/unknown type/);
      });

      it('refuses a damaged JPEG with 400', async () => {
        const jpeg = fixtures.get('DSCN0021.jpg') as Buffer;
        expectProblem(await upload(adminA, product.id, [{ name: 'half.jpg', body: jpeg.subarray(0, jpeg.length / 2), contentType: 'image/jpeg' }]), 400, 'VALIDATION_FAILED');
      });

      it('refuses 11 files when at most 10 are allowed', async () => {
        const png = await tinyPng(1);
        const files = Array.from({ length: 11 }, (_, i) => ({ name: `${i}.png`, body: png, contentType: 'image/png' }));
        const problem = expectProblem(await upload(adminA, product.id, files), 400, 'VALIDATION_FAILED');
        expect(problem.errors).toEqual([{ field: 'files', message: 'may hold at most 10 files per request' }]);
      });

      it('refuses a request without files with 400', async () => {
        const problem = expectProblem(await upload(adminA, product.id, [], { alt: 'nothing attached' }), 400, 'VALIDATION_FAILED');
        expect(problem.errors?.map((e) => e.field)).toEqual(['files']);
        expectProblem(await request(t.http).post(`${PRODUCTS}/${product.id}/images`).set('Authorization', adminA.bearer).send({ alt: 'json' }), 400, 'VALIDATION_FAILED');
      });

      it('refuses files under another field name, unknown text fields and over-long alt text with 400', async () => {
        const png = await tinyPng(2);
        const wrongField = await request(t.http).post(`${PRODUCTS}/${product.id}/images`).set('Authorization', adminA.bearer).attach('photo', png, { filename: 'a.png', contentType: 'image/png' });
        expect(expectProblem(wrongField, 400, 'VALIDATION_FAILED').errors?.map((e) => e.field)).toEqual(['photo']);
        const unknown = expectProblem(await upload(adminA, product.id, [{ name: 'a.png', body: png }], { title: 'x' }), 400, 'VALIDATION_FAILED');
        expect(unknown.errors).toEqual([{ field: 'title', message: 'is not an accepted field' }]);
        const longAlt = expectProblem(await upload(adminA, product.id, [{ name: 'a.png', body: png }], { alt: 'x'.repeat(301) }), 400, 'VALIDATION_FAILED');
        expect(longAlt.errors?.map((e) => e.field)).toEqual(['alt']);
      });

      it('answers 404 to a facility admin of another facility, a Bali regional admin, and for a missing or deleted product', async () => {
        expectProblem(await upload(adminB, product.id, [photo('DSCN0010.jpg')]), 404, 'NOT_FOUND');
        expectProblem(await upload(regionalBali, product.id, [photo('DSCN0010.jpg')]), 404, 'NOT_FOUND');
        expectProblem(await upload(adminA, MISSING_ID, [photo('DSCN0010.jpg')]), 404, 'NOT_FOUND');
        const deleted = await makeProduct(t.dataSource, facilityA, { deletedAt: new Date() });
        expectProblem(await upload(adminA, deleted.id, [photo('DSCN0010.jpg')]), 404, 'NOT_FOUND');
        expect(await rowsOf(deleted.id)).toEqual([]);
      });

      it('answers 401 without a token and 400 for a malformed id', async () => {
        expectProblem(await upload(null, product.id, [photo('DSCN0010.jpg')]), 401, 'UNAUTHENTICATED');
        expectProblem(await upload(adminA, 'not-a-uuid', [photo('DSCN0010.jpg')]), 400, 'VALIDATION_FAILED');
      });
    });

    it('removes the files it wrote when the database refuses the rows, keeping files other products use', async () => {
      const keeper = await makeProduct(t.dataSource, facilityA);
      const [kept] = await uploaded(adminA, keeper.id, [photo('DSCN0021.jpg')]);
      const keptHash = (await rowsOf(keeper.id))[0]?.content_hash ?? '';
      // A fault injected in this test's own database: the insert fails after the files are written.
      await t.dataSource.query(`
        CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.alt = 'boom' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$;
        CREATE TRIGGER refuse_boom BEFORE INSERT ON product_image FOR EACH ROW EXECUTE FUNCTION refuse_boom();`);
      try {
        const product = await makeProduct(t.dataSource, facilityA);
        const filesBefore = await listFiles(uploadsDir);
        const before = await t.dataSource.getRepository(Product).findOneByOrFail({ id: product.id });
        expectProblem(await upload(adminA, product.id, [photo('DSCN0021.jpg'), { name: 'new.png', body: await tinyPng(250), contentType: 'image/png' }], { alt: 'boom' }), 500, 'INTERNAL');
        expect(await rowsOf(product.id)).toEqual([]);
        expect(await listFiles(uploadsDir)).toEqual(filesBefore);
        expect(filesBefore).toEqual(expect.arrayContaining(filesOf(keptHash)));
        await fetchMedia(kept?.largeUrl ?? '').expect(200);
        expect((await t.dataSource.getRepository(Product).findOneByOrFail({ id: product.id })).version).toBe(before.version);
      } finally {
        await t.dataSource.query('DROP TRIGGER refuse_boom ON product_image; DROP FUNCTION refuse_boom();');
      }
    });
  });

  describe('Idempotency-Key (a phone retrying after a lost answer)', () => {
    it('answers a retry with the photos the first upload added, adding nothing; another photo with the key is 422', async () => {
      const product = await makeProduct(t.dataSource, facilityA);
      const key = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
      const first = await uploaded(adminA, product.id, [photo('DSCN0010.jpg')], { alt: 'Kain sasirangan' }).then(() => rowsOf(product.id));
      // That upload had no key; now two keyed attempts of the same photo, the second a retry.
      const keyed = await upload(adminA, product.id, [photo('DSCN0021.jpg')], { alt: 'Tas anyaman' }).set('Idempotency-Key', key);
      expect(keyed.status).toBe(201);
      const retried = await upload(adminA, product.id, [photo('DSCN0021.jpg')], { alt: 'Tas anyaman' }).set('Idempotency-Key', key);
      expect(retried.status).toBe(201);
      expect(retried.body).toEqual(keyed.body);
      const rows = await rowsOf(product.id);
      expect(rows.map((row) => row.id)).toEqual([first[0]?.id, (keyed.body as ProductImageView[])[0]?.id]);

      expectProblem(await upload(adminA, product.id, [photo('landscape_6.jpg')]).set('Idempotency-Key', key), 422, 'IDEMPOTENCY_KEY_REUSED');
      expect(await rowsOf(product.id)).toHaveLength(2);
      // The same key on another product is another upload.
      const other = await makeProduct(t.dataSource, facilityA);
      expect((await upload(adminA, other.id, [photo('DSCN0021.jpg')]).set('Idempotency-Key', key)).status).toBe(201);
    });

    it('refuses a key that is not printable ASCII, naming the header', async () => {
      const product = await makeProduct(t.dataSource, facilityA);
      const problem = expectProblem(await upload(adminA, product.id, [photo('DSCN0010.jpg')]).set('Idempotency-Key', 'x'.repeat(256)), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([{ field: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters' }]);
      expect(await rowsOf(product.id)).toEqual([]);
    });
  });

  describe('alt text and order (PATCH)', () => {
    let product: Product;
    let ids: string[];

    beforeEach(async () => {
      product = await makeProduct(t.dataSource, facilityA);
      const images = await uploaded(adminA, product.id, [photo('DSCN0010.jpg'), photo('DSCN0021.jpg'), photo('landscape_6.jpg'), photo('portrait_8.jpg')]);
      ids = images.map((image) => image.id);
    });

    const order = async (): Promise<string[]> => (await rowsOf(product.id)).map((row) => row.id);

    it('moves an image and shifts the others, both ways, returning the gallery in order', async () => {
      const [a, b, c, d] = ids as [string, string, string, string];
      const forward = (await patch(adminA, product.id, d, { position: 0 }).expect(200)).body as ProductImageView[];
      expect(forward.map((image) => [image.id, image.position])).toEqual([[d, 0], [a, 1], [b, 2], [c, 3]]);
      expect(await order()).toEqual([d, a, b, c]);
      await patch(adminA, product.id, d, { position: 3 }).expect(200);
      expect(await order()).toEqual([a, b, c, d]);
      await patch(adminA, product.id, a, { position: 2 }).expect(200);
      expect(await order()).toEqual([b, c, a, d]);
      expect((await rowsOf(product.id)).map((row) => row.position)).toEqual([0, 1, 2, 3]);
    });

    it('changes alt text alone, and touches the product', async () => {
      const before = await t.dataSource.getRepository(Product).findOneByOrFail({ id: product.id });
      const gallery = (await patch(adminA, product.id, ids[1] ?? '', { alt: '  Peci rajut  ' }).expect(200)).body as ProductImageView[];
      expect(gallery.map((image) => image.alt)).toEqual(['', 'Peci rajut', '', '']);
      expect(await order()).toEqual(ids);
      const after = await t.dataSource.getRepository(Product).findOneByOrFail({ id: product.id });
      expect(after.version).toBe(before.version + 1);
      const [event] = await t.dataSource.query<{ action: string }[]>(
        `SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY created_at DESC LIMIT 1`,
        [product.id],
      );
      expect(event?.action).toBe('product.images.update');
    });

    it('refuses a position past the end, an empty change, null alt and unknown fields with 400', async () => {
      const id = ids[0] ?? '';
      expect(expectProblem(await patch(adminA, product.id, id, { position: 4 }), 400, 'VALIDATION_FAILED').errors).toEqual([{ field: 'position', message: 'must be between 0 and 3' }]);
      expectProblem(await patch(adminA, product.id, id, { position: -1 }), 400, 'VALIDATION_FAILED');
      expectProblem(await patch(adminA, product.id, id, { position: 1.5 }), 400, 'VALIDATION_FAILED');
      expectProblem(await patch(adminA, product.id, id, {}), 400, 'VALIDATION_FAILED');
      expectProblem(await patch(adminA, product.id, id, { alt: null }), 400, 'VALIDATION_FAILED');
      expectProblem(await patch(adminA, product.id, id, { contentHash: 'x' }), 400, 'VALIDATION_FAILED');
      expect(await order()).toEqual(ids);
    });

    it('answers 404 for another facility, an image of another product, and a missing image', async () => {
      const id = ids[0] ?? '';
      expectProblem(await patch(adminB, product.id, id, { alt: 'taken' }), 404, 'NOT_FOUND');
      const other = await makeProduct(t.dataSource, facilityA);
      expectProblem(await patch(adminA, other.id, id, { alt: 'wrong product' }), 404, 'NOT_FOUND');
      expectProblem(await patch(adminA, product.id, MISSING_ID, { alt: 'missing' }), 404, 'NOT_FOUND');
      expect((await rowsOf(product.id)).map((row) => row.alt)).toEqual(['', '', '', '']);
    });
  });

  describe('DELETE', () => {
    it('removes the row and closes the gap; files go only when no other product uses the picture', async () => {
      const first = await makeProduct(t.dataSource, facilityA);
      const second = await makeProduct(t.dataSource, facilityA);
      const picture = await uniquePicture();
      const [shared, own] = await uploaded(adminA, first.id, [picture, await uniquePicture()]);
      const [sameOnSecond] = await uploaded(adminA, second.id, [picture]);
      expect(sameOnSecond?.largeUrl).toBe(shared?.largeUrl);
      const sharedHash = (await rowsOf(first.id))[0]?.content_hash ?? '';
      const ownHash = (await rowsOf(first.id))[1]?.content_hash ?? '';
      const before = await t.dataSource.getRepository(Product).findOneByOrFail({ id: first.id });

      await remove(adminA, first.id, shared?.id ?? '').expect(204);
      expect((await rowsOf(first.id)).map((row) => [row.id, row.position])).toEqual([[own?.id, 0]]);
      expect(await listFiles(uploadsDir)).toEqual(expect.arrayContaining(filesOf(sharedHash)));
      await fetchMedia(shared?.largeUrl ?? '').expect(200);
      expect((await t.dataSource.getRepository(Product).findOneByOrFail({ id: first.id })).version).toBe(before.version + 1);

      await remove(adminA, first.id, own?.id ?? '').expect(204);
      const files = await listFiles(uploadsDir);
      expect(files.filter((file) => file.includes(ownHash))).toEqual([]);
      await expectMediaGone(own?.largeUrl ?? '');

      await remove(adminA, second.id, sameOnSecond?.id ?? '').expect(204);
      expect((await listFiles(uploadsDir)).filter((file) => file.includes(sharedHash))).toEqual([]);
      await expectMediaGone(shared?.largeUrl ?? '');

      const actions = await t.dataSource.query<{ action: string }[]>(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY created_at`, [first.id]);
      expect(actions.map((a) => a.action)).toEqual(['product.images.add', 'product.images.delete', 'product.images.delete']);
    });

    it('keeps the files while the same product still shows the picture twice', async () => {
      const product = await makeProduct(t.dataSource, facilityA);
      const [one, two] = await uploaded(adminA, product.id, [photo('DSCN0021.jpg'), photo('DSCN0021.jpg')]);
      await remove(adminA, product.id, one?.id ?? '').expect(204);
      await fetchMedia(two?.largeUrl ?? '').expect(200);
    });

    it('answers 404 for another facility, another product and a second delete; 401 without a token', async () => {
      const product = await makeProduct(t.dataSource, facilityA);
      const [image] = await uploaded(adminA, product.id, [photo('landscape_6.jpg')]);
      const id = image?.id ?? '';
      expectProblem(await remove(adminB, product.id, id), 404, 'NOT_FOUND');
      expectProblem(await remove(adminA, (await makeProduct(t.dataSource, facilityA)).id, id), 404, 'NOT_FOUND');
      expectProblem(await request(t.http).delete(`${PRODUCTS}/${product.id}/images/${id}`), 401, 'UNAUTHENTICATED');
      expect(await rowsOf(product.id)).toHaveLength(1);
      await remove(adminA, product.id, id).expect(204);
      expectProblem(await remove(adminA, product.id, id), 404, 'NOT_FOUND');
    });
  });

  describe('the /media route', () => {
    let origin: { host: string; port: number };
    const secret = 'secret outside the uploads directory';
    let outsideFile: string;

    beforeAll(async () => {
      outsideFile = join(dirname(uploadsDir), `${basename(uploadsDir)}-outside.txt`);
      await writeFile(outsideFile, secret);
      await writeFile(join(uploadsDir, '.hidden'), secret);
      await t.app.listen(0, '127.0.0.1');
      const address = t.app.getHttpServer().address() as AddressInfo;
      origin = { host: address.address, port: address.port };
    });
    afterAll(async () => {
      await rm(outsideFile, { force: true });
      await rm(join(uploadsDir, '.hidden'), { force: true });
    });

    /** A request whose path goes on the wire exactly as written (supertest would normalise `..`). */
    function raw(path: string): Promise<{ status: number; contentType: string; body: string }> {
      return new Promise((resolve, reject) => {
        const req = httpRequest({ ...origin, path, method: 'GET' }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'] ?? '', body: Buffer.concat(chunks).toString() }));
        });
        req.on('error', reject);
        req.end();
      });
    }

    const outside = (): string => basename(outsideFile);

    it.each([
      () => `/media/../${outside()}`,
      () => `/media/%2e%2e/${outside()}`,
      () => `/media/%2E%2E/${outside()}`,
      () => `/media/%2e%2e%2f${outside()}`,
      () => `/media/..%2f${outside()}`,
      () => `/media/images/..%2f..%2f${outside()}`,
      () => `/media/images/../../${outside()}`,
      () => `/media/.%2e/${outside()}`,
      () => `/media/..%5c${outside()}`,
      () => `/media/%252e%252e/${outside()}`,
      () => '/media/../package.json',
      () => '/media/%2e%2e/package.json',
      () => '/media/.hidden',
      () => '/media/',
      () => '/media/images',
      () => '/media/images/00/nothing/large.webp',
    ])('never serves a file outside the uploads directory: %#', async (path) => {
      const response = await raw(path());
      expect({ path: path(), status: [400, 404].includes(response.status) }).toEqual({ path: path(), status: true });
      expect(response.contentType).toMatch(/^application\/problem\+json/);
      expect(response.body).not.toContain(secret);
      expect(response.body).not.toContain('"dependencies"');
    });

    it('still serves a stored file on the same server', async () => {
      const product = await makeProduct(t.dataSource, facilityA);
      const [image] = await uploaded(adminA, product.id, [{ name: 'p.png', body: await tinyPng(77), contentType: 'image/png' }]);
      const response = await raw(new URL(image?.thumbUrl ?? '').pathname);
      expect([response.status, response.contentType]).toEqual([200, 'image/webp']);
    });
  });
});

describe('product photos with small upload limits', () => {
  let t: TestApp;
  let uploadsDir: string;
  let admin: SignedIn;
  let product: Product;

  beforeAll(async () => {
    uploadsDir = await mkdtemp(join(tmpdir(), 'etalase-product-images-limits-'));
    t = await startTestApp({ UPLOADS_DIR: uploadsDir, UPLOAD_MAX_FILE_MB: '1', UPLOAD_MAX_FILES: '2' });
    const facility = await makeFacility(t.dataSource);
    admin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility });
    product = await makeProduct(t.dataSource, facility);
  });
  afterAll(async () => {
    await t.close();
    await rm(uploadsDir, { recursive: true, force: true });
  });
  afterEach(async () => {
    expect(await t.dataSource.query('SELECT id FROM product_image WHERE product_id = $1', [product.id])).toEqual([]);
    expect(await listFiles(uploadsDir)).toEqual([]);
  });

  const post = (files: Buffer[]): request.Test => {
    let req = request(t.http).post(`${PRODUCTS}/${product.id}/images`).set('Authorization', admin.bearer);
    files.forEach((body, i) => (req = req.attach('files', body, { filename: `${i}.jpg`, contentType: 'image/jpeg' })));
    return req;
  };

  it('refuses a file over UPLOAD_MAX_FILE_MB with 413 PAYLOAD_TOO_LARGE, even beside a valid one', async () => {
    const big = Buffer.concat([(await readFile(join(PHOTOS, 'DSCN0010.jpg'))), Buffer.alloc(1024 * 1024, 0x61)]);
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const problem = expectProblem(await post([big]), 413, 'PAYLOAD_TOO_LARGE');
    expect(problem.detail).toBe('Each file may be at most 1 MB');
    expectProblem(await post([await readFile(join(PHOTOS, 'DSCN0021.jpg')), big]), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('accepts a file just under the limit', async () => {
    const response = await post([await readFile(join(PHOTOS, 'DSCN0010.jpg'))]).expect(201);
    const [image] = response.body as ProductImageView[];
    // Clean up through the API so the afterEach check holds.
    await request(t.http).delete(`${PRODUCTS}/${product.id}/images/${image?.id ?? ''}`).set('Authorization', admin.bearer).expect(204);
  });

  it('refuses more files than UPLOAD_MAX_FILES', async () => {
    const photo = await readFile(join(PHOTOS, 'DSCN0021.jpg'));
    const problem = expectProblem(await post([photo, photo, photo]), 400, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual([{ field: 'files', message: 'may hold at most 2 files per request' }]);
  });
});
