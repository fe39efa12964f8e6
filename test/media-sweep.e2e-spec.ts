import { ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import request from 'supertest';
import type { ProductImageView } from '../src/catalog/product.views';
import type { Product } from '../src/catalog/product.entity';
import { findFreePort } from '../src/database/free-port';
import { DERIVED_MAX_AGE_DAYS, MediaSweep } from '../src/media/media-sweep';
import { imageKeys } from '../src/media/media-keys';
import { makeProduct } from './support/catalog-factories';
import { DatabaseProxy } from './support/database-proxy';
import { FakeS3 } from './support/fake-s3';
import { makeFacility, signedInAs } from './support/factories';
import { eventually, startTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';

const PHOTOS = join(__dirname, 'fixtures', 'photos');
const MAIN = resolve(__dirname, '..', 'dist', 'src', 'main.js');
const HOUR = 3_600_000;
/** Past the default grace period (60 min). */
const TWO_HOURS_AGO = new Date(Date.now() - 2 * HOUR);

const randomHash = (): string => createHash('sha256').update(randomBytes(16)).digest('hex');

/** Every file under `dir` (dot-files included), relative and sorted. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/** The three variants of a picture as files, as a crashed upload leaves them, with the given mtime. */
async function writePicture(uploadsDir: string, hash: string, modified: Date): Promise<string[]> {
  const keys = Object.values(imageKeys(hash));
  for (const key of keys) await writeFileAt(uploadsDir, key, modified);
  return keys;
}

async function writeFileAt(uploadsDir: string, key: string, modified: Date): Promise<void> {
  const path = join(uploadsDir, key);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, key);
  await utimes(path, modified, modified);
}

async function age(uploadsDir: string, keys: string[], modified: Date): Promise<void> {
  for (const key of keys) await utimes(join(uploadsDir, key), modified, modified);
}

async function uploadPhoto(t: TestApp, bearer: string, product: Product, file: string): Promise<ProductImageView[]> {
  const response = await request(t.http)
    .post(`/api/v1/admin/products/${product.id}/images`)
    .set('Authorization', bearer)
    .attach('files', await readFile(join(PHOTOS, file)), { filename: file, contentType: 'image/jpeg' })
    .expect(201);
  return response.body as ProductImageView[];
}

/** The content hash in a variant URL (`.../images/<ab>/<hash>/thumb.webp`). */
function hashOf(url: string): string {
  return /images\/[0-9a-f]{2}\/([0-9a-f]{64})\//.exec(url)?.[1] ?? '';
}

describe('media sweep: files no row refers to (issue 12, item 7)', () => {
  describe('local storage', () => {
    let t: TestApp;
    let uploadsDir: string;
    let bearer: string;
    let product: Product;

    beforeAll(async () => {
      t = await startTestApp();
      uploadsDir = t.config.media.uploadsDir;
      const facility = await makeFacility(t.dataSource);
      product = await makeProduct(t.dataSource, facility);
      bearer = (await signedInAs(t.http, t.dataSource, 'SUPERADMIN')).bearer;
    });
    afterAll(() => t.close());

    it('removes old unreferenced pictures and temporary files, keeps what a row shows, young files and foreign files', async () => {
      // Shown: a product photo, a story cover, a picture under review as a revision's cover, one embedded in a story's Markdown.
      const [photo] = await uploadPhoto(t, bearer, product, 'DSCN0010.jpg');
      const photoKeys = Object.values(imageKeys(hashOf(photo?.thumbUrl ?? '')));
      await age(uploadsDir, photoKeys, TWO_HOURS_AGO); // kept for the row, not for its age
      const cover = randomHash();
      const revisionCover = randomHash();
      const embedded = randomHash();
      const story = await request(t.http)
        .post('/api/v1/admin/stories')
        .set('Authorization', bearer)
        .send({ facilityId: product.facilityId, title: 'Purun dari Banjarmasin', markdown: 'Anyaman purun.' })
        .expect(201);
      await t.dataSource.query(
        `UPDATE story SET cover_hash = $2, markdown = $3, revision = jsonb_build_object('coverHash', $4::text, 'markdown', 'tanpa gambar') WHERE id = $1`,
        [(story.body as { id: string }).id, cover, `![Purun](${t.config.publicBaseUrl}/media/images/${embedded.slice(0, 2)}/${embedded}/large.webp)`, revisionCover],
      );
      const kept = [...photoKeys];
      for (const hash of [cover, revisionCover, embedded]) kept.push(...(await writePicture(uploadsDir, hash, TWO_HOURS_AGO)));

      // Not shown: old ones go; a young one may still be committed by an upload in flight.
      const orphan = randomHash();
      const orphanKeys = await writePicture(uploadsDir, orphan, TWO_HOURS_AGO);
      const young = randomHash();
      kept.push(...(await writePicture(uploadsDir, young, new Date())));
      // Temporary files of writes killed mid-way (the local driver writes .<random>.tmp and renames).
      const deadWrite = `images/${orphan.slice(0, 2)}/${randomHash()}/.5eed5eed5eed5eed.tmp`;
      await writeFileAt(uploadsDir, deadWrite, TWO_HOURS_AGO);
      const liveWrite = `images/${young.slice(0, 2)}/${young}/.0123456789abcdef.tmp`;
      await writeFileAt(uploadsDir, liveWrite, new Date());
      kept.push(liveWrite);
      // Under images/ but not named like a picture: not the sweep's to judge.
      await writeFileAt(uploadsDir, 'images/README.txt', TWO_HOURS_AGO);
      kept.push('images/README.txt');

      const result = await t.app.get(MediaSweep).sweep();

      expect(await listFiles(uploadsDir)).toEqual([...kept].sort());
      expect(result).toMatchObject({ removedImages: 1, removedFiles: 3, removedTemporary: 1, skippedInFlight: 0 });
      for (const key of orphanKeys) expect(existsSync(join(uploadsDir, key, '..'))).toBe(false); // the folder went too
      await request(t.http).get(`/api/v1/products/${product.slug}`).expect(200);
      await request(t.http).get(new URL(photo?.largeUrl ?? '').pathname).expect(200);
    });

    it('removes derived (share) pictures not written for 30 days, keeps younger ones, and a page still naming one gets it redrawn', async () => {
      const page = await request(t.http).get(`/produk/${product.slug}`).expect(200);
      const shareUrl = /<meta property="og:image" content="([^"]+)"/.exec(page.text)?.[1] ?? '';
      const sharePath = new URL(shareUrl).pathname;
      await request(t.http).get(sharePath).expect(200).expect('Content-Type', 'image/jpeg');
      const [current] = (await listFiles(uploadsDir)).filter((key) => key.startsWith('derived/'));
      expect(current).toMatch(/^derived\/[0-9a-f]{2}\/[0-9a-f]{64}\.jpg$/);
      const longAgo = new Date(Date.now() - (DERIVED_MAX_AGE_DAYS + 1) * 24 * HOUR);
      await age(uploadsDir, [current ?? ''], longAgo);
      const oldVersion = `derived/${randomHash().slice(0, 2)}/${randomHash()}.jpg`;
      await writeFileAt(uploadsDir, oldVersion, longAgo);
      const recent = `derived/ab/ab${randomHash().slice(2)}.jpg`;
      await writeFileAt(uploadsDir, recent, new Date(Date.now() - 2 * 24 * HOUR));

      const result = await t.app.get(MediaSweep).sweep();

      expect(result.removedDerived).toBe(2);
      const derived = (await listFiles(uploadsDir)).filter((key) => key.startsWith('derived/'));
      expect(derived).toEqual([recent]);
      const redrawn = await request(t.http).get(sharePath).expect(200).expect('Content-Type', 'image/jpeg');
      expect(redrawn.headers['cache-control']).toContain('immutable');
      expect((await listFiles(uploadsDir)).filter((key) => key.startsWith('derived/')).sort()).toEqual([current, recent].sort());
    });

    it('leaves a picture alone while an upload of it holds its lock, and takes it once the lock is free', async () => {
      const inFlight = randomHash();
      const keys = await writePicture(uploadsDir, inFlight, TWO_HOURS_AGO);
      // What an upload reusing these files holds from before it looks for them until its rows commit.
      const upload = t.dataSource.createQueryRunner();
      await upload.connect();
      await upload.startTransaction();
      try {
        await upload.query(`SELECT pg_advisory_xact_lock(hashtextextended('media:' || $1, 0))`, [inFlight]);
        const during = await t.app.get(MediaSweep).sweep();
        expect(during.skippedInFlight).toBe(1);
        for (const key of keys) expect(existsSync(join(uploadsDir, key))).toBe(true);
      } finally {
        await upload.rollbackTransaction();
        await upload.release();
      }
      const after = await t.app.get(MediaSweep).sweep();
      expect(after).toMatchObject({ removedImages: 1, skippedInFlight: 0 });
      for (const key of keys) expect(existsSync(join(uploadsDir, key))).toBe(false);
    });

    it('cleans up after an app killed (kill -9) between writing a photo\'s files and committing its rows', async () => {
      if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm test does it first)`);
      const before = await listFiles(uploadsDir);
      // A second, compiled app process on the same database and folder, reaching the database through
      // a proxy that kills it the moment it sends the photo rows.
      const proxy = await DatabaseProxy.start(t.config.databaseUrl ?? '');
      const port = await findFreePort();
      const child: ChildProcess = spawn(process.execPath, [MAIN], {
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: proxy.url,
          JWT_SECRET: TEST_JWT_SECRET,
          UPLOADS_DIR: uploadsDir,
          PORT: String(port),
          HOST: '127.0.0.1',
          MIGRATIONS_RUN: 'false',
          SEED_DEMO: 'false',
          JOBS_WORKERS: 'false',
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<string | null>((done) => child.once('exit', (_code, signal) => done(signal)));
      try {
        await eventually(async () => {
          if (child.exitCode !== null) throw new Error(`The app exited early:\n${output}`);
          return fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => (r.ok ? true : undefined), () => undefined);
        }, 30_000);
        proxy.cutWhen('INSERT INTO "product_image"', () => child.kill('SIGKILL'));
        const form = new FormData();
        for (const file of ['DSCN0021.jpg', 'portrait_8.jpg']) form.append('files', new Blob([await readFile(join(PHOTOS, file))], { type: 'image/jpeg' }), file);
        const answer = await fetch(`http://127.0.0.1:${port}/api/v1/admin/products/${product.id}/images`, {
          method: 'POST',
          headers: { Authorization: bearer },
          body: form,
        }).then(
          (r) => r.status,
          () => 'connection lost',
        );
        expect({ answer, signal: await exited }).toEqual({ answer: 'connection lost', signal: 'SIGKILL' });
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await proxy.close();
      }
      // The dead process's transaction is rolled back (and its locks freed) once the server notices.
      await eventually(async () => {
        const [row] = await t.dataSource.query<{ count: number }[]>(
          `SELECT count(*)::int AS count FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        );
        return row?.count === 0 ? true : undefined;
      });

      // What the issue found: picture folders no row refers to.
      const leftovers = (await listFiles(uploadsDir)).filter((file) => !before.includes(file));
      expect(leftovers).toHaveLength(6); // two pictures, three variants each
      const rows = await t.dataSource.query<{ count: number }[]>('SELECT count(*)::int AS count FROM product_image WHERE product_id = $1', [product.id]);
      expect(rows[0]?.count).toBe(1); // the photo of the first test; the killed upload added none

      // An hour later (the grace period), the sweep takes them and nothing else.
      const result = await t.app.get(MediaSweep).sweep(new Date(Date.now() + 2 * HOUR));
      expect(result.removedFiles).toBeGreaterThanOrEqual(6);
      const after = await listFiles(uploadsDir);
      for (const file of leftovers) expect(after).not.toContain(file);
      const shown = (await request(t.http).get(`/api/v1/admin/products/${product.id}`).set('Authorization', bearer).expect(200)).body as { images: ProductImageView[] };
      expect(shown.images).toHaveLength(1);
      expect(after).toEqual(expect.arrayContaining(Object.values(imageKeys(hashOf(shown.images[0]?.thumbUrl ?? '')))));
    });
  });

  describe('S3 storage', () => {
    let t: TestApp;
    let s3: FakeS3;
    const bucket = 'etalase-media';

    beforeAll(async () => {
      s3 = new FakeS3();
      const endpoint = await s3.start();
      t = await startTestApp({
        STORAGE_DRIVER: 's3',
        S3_BUCKET: bucket,
        S3_ENDPOINT: endpoint,
        S3_PUBLIC_URL: 'https://cdn.example.test/etalase-media',
        S3_ACCESS_KEY_ID: 'test-access-key',
        S3_SECRET_ACCESS_KEY: 'test-secret-key',
      });
    });
    afterAll(async () => {
      await t.close();
      await s3.stop();
    });

    it('lists the bucket page by page and deletes only old objects no row refers to', async () => {
      const facility = await makeFacility(t.dataSource);
      const product = await makeProduct(t.dataSource, facility);
      const { bearer } = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
      const [photo] = await uploadPhoto(t, bearer, product, 'landscape_6.jpg');
      const photoKeys = Object.values(imageKeys(hashOf(photo?.thumbUrl ?? '')));
      const put = (key: string, modified: Date): void => {
        s3.objects.set(`/${bucket}/${key}`, Buffer.from(key));
        s3.modified.set(`/${bucket}/${key}`, modified);
      };
      for (const key of photoKeys) s3.modified.set(`/${bucket}/${key}`, TWO_HOURS_AGO);
      const orphans = Object.values(imageKeys(randomHash()));
      for (const key of orphans) put(key, TWO_HOURS_AGO);
      const young = Object.values(imageKeys(randomHash()));
      for (const key of young) put(key, new Date());
      put('exports/report.csv', TWO_HOURS_AGO); // outside images/ and derived/: never listed
      const oldSharePicture = `derived/ab/ab${randomHash().slice(2)}.jpg`;
      put(oldSharePicture, new Date(Date.now() - (DERIVED_MAX_AGE_DAYS + 1) * 24 * HOUR));
      s3.pageSize = 2;
      s3.requests.length = 0;

      const result = await t.app.get(MediaSweep).sweep();

      expect(result).toMatchObject({ scanned: 10, removedImages: 1, removedFiles: 3, removedDerived: 1 });
      expect(s3.keys(bucket)).toEqual([...photoKeys, ...young, 'exports/report.csv'].sort());
      expect(s3.requests.filter((r) => r.method === 'DELETE').map((r) => r.path.slice(bucket.length + 2)).sort()).toEqual([...orphans, oldSharePicture].sort());
      expect(s3.requests.filter((r) => r.method === 'GET')).toHaveLength(6); // images/: 9 keys, 2 a page; derived/: one page
    });
  });
});
