import { createHash } from 'node:crypto';
import { FakeS3 } from '../../../test/support/fake-s3';
import { IMMUTABLE_CACHE_CONTROL, S3StorageDriver } from './s3-storage.driver';

describe('S3StorageDriver against a fake S3 server', () => {
  const key = 'images/ab/abcdef0123/large.webp';
  let s3: FakeS3;
  let driver: S3StorageDriver;

  beforeEach(async () => {
    s3 = new FakeS3();
    const endpoint = await s3.start();
    driver = new S3StorageDriver({
      bucket: 'etalase-media',
      endpoint,
      region: 'us-east-1',
      accessKeyId: 'test-access-key',
      secretAccessKey: 'test-secret-key',
      forcePathStyle: true,
      publicUrl: 'https://cdn.example.test/etalase-media',
    });
  });
  afterEach(async () => {
    driver.onModuleDestroy();
    await s3.stop();
  });

  it('PUTs the bytes to bucket/key with the content type, an immutable Cache-Control and a signature', async () => {
    const body = Buffer.from('RIFF....WEBPVP8 fake image bytes');
    await driver.put(key, body, 'image/webp');

    expect(s3.requests).toHaveLength(1);
    const [put] = s3.requests;
    expect(put).toMatchObject({ method: 'PUT', path: `/etalase-media/${key}` });
    expect(put?.body.equals(body)).toBe(true);
    expect(put?.headers['content-type']).toBe('image/webp');
    expect(put?.headers['cache-control']).toBe(IMMUTABLE_CACHE_CONTROL);
    expect(put?.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(put?.headers['content-md5']).toBe(createHash('md5').update(body).digest('base64'));
    expect(put?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=test-access-key\//);
  });

  it('HEADs bucket/key to tell whether an object exists', async () => {
    expect(await driver.exists(key)).toBe(false);
    await driver.put(key, Buffer.from('x'), 'image/webp');
    expect(await driver.exists(key)).toBe(true);
    const heads = s3.requests.filter((r) => r.method === 'HEAD');
    expect(heads.map((r) => r.path)).toEqual([`/etalase-media/${key}`, `/etalase-media/${key}`]);
  });

  it('GETs bucket/key to read an object back, null when there is none', async () => {
    expect(await driver.get(key)).toBeNull();
    await driver.put(key, Buffer.from('jpeg bytes'), 'image/jpeg');
    expect((await driver.get(key))?.toString()).toBe('jpeg bytes');
    expect(s3.requests.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual([`/etalase-media/${key}`, `/etalase-media/${key}`]);
  });

  it('DELETEs bucket/key', async () => {
    await driver.put(key, Buffer.from('x'), 'image/webp');
    await driver.delete(key);
    expect(s3.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /etalase-media/${key}`, `DELETE /etalase-media/${key}`]);
    expect(s3.objects.has(`/etalase-media/${key}`)).toBe(false);
    expect(await driver.exists(key)).toBe(false);
  });

  it('reports server errors instead of taking them for a missing object', async () => {
    s3.headStatus = 403;
    await expect(driver.exists(key)).rejects.toThrow();
    s3.headStatus = 500;
    await expect(driver.exists(key)).rejects.toThrow();
  });

  it('builds public URLs on the configured base', () => {
    expect(driver.publicUrl(key)).toBe(`https://cdn.example.test/etalase-media/${key}`);
  });

  it('lists every object under a prefix with its LastModified, page after page (ListObjectsV2)', async () => {
    s3.pageSize = 2;
    const keys = ['images/ab/abc/large.webp', 'images/ab/abc/medium.webp', 'images/ab/abc/thumb.webp', 'images/cd/cde/thumb.webp', 'other/x.txt'];
    for (const each of keys) await driver.put(each, Buffer.from(each), 'image/webp');
    const old = new Date('2020-01-02T03:04:05.000Z');
    s3.modified.set('/etalase-media/images/ab/abc/medium.webp', old);

    const listed = [];
    for await (const object of driver.list('images/')) listed.push(object);
    expect(listed.map((object) => object.key)).toEqual(keys.slice(0, 4));
    expect(listed[1]?.modifiedAt.toISOString()).toBe(old.toISOString());
    const lists = s3.requests.filter((r) => r.method === 'GET');
    expect(lists.map((r) => [r.path, r.query.get('list-type'), r.query.get('prefix')])).toEqual([
      ['/etalase-media/', '2', 'images/'],
      ['/etalase-media/', '2', 'images/'],
    ]);
    expect(lists[1]?.query.get('continuation-token')).toBe('images/ab/abc/medium.webp');
  });

  it('lists nothing under a prefix with no objects', async () => {
    const listed = [];
    for await (const object of driver.list('images/')) listed.push(object);
    expect(listed).toEqual([]);
  });
});
