import { createHash } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IMMUTABLE_CACHE_CONTROL, S3StorageDriver } from './s3-storage.driver';

interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Just enough of S3 on 127.0.0.1: PUT stores, HEAD finds, DELETE removes; every request is recorded. */
class FakeS3 {
  readonly requests: RecordedRequest[] = [];
  readonly objects = new Map<string, Buffer>();
  /** Answer every HEAD with this status instead (e.g. 403), to see errors are not taken for "missing". */
  headStatus: number | undefined;
  private readonly server: Server;

  constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = decodeURIComponent(new URL(request.url ?? '/', 'http://fake').pathname);
        const body = Buffer.concat(chunks);
        this.requests.push({ method: request.method ?? '', path, headers: request.headers, body });
        if (request.method === 'PUT') {
          this.objects.set(path, body);
          response.writeHead(200, { ETag: `"${createHash('md5').update(body).digest('hex')}"` }).end();
        } else if (request.method === 'HEAD' && this.headStatus !== undefined) {
          response.writeHead(this.headStatus).end();
        } else if (request.method === 'HEAD') {
          const object = this.objects.get(path);
          response.writeHead(object ? 200 : 404, object ? { 'Content-Length': String(object.length) } : {}).end();
        } else if (request.method === 'DELETE') {
          this.objects.delete(path);
          response.writeHead(204).end();
        } else {
          response.writeHead(405).end();
        }
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}

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
});
