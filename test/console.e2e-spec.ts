import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app';

/** Issue 16: the console's first script and stylesheet together, gzip-compressed. */
const JS_BUDGET_GZIP = 150 * 1024;
const MANIFEST = join(__dirname, '..', 'dist', 'console', 'manifest.json');

/** The script and stylesheet the shell page links. */
function linkedAssets(html: string): { js: string; css: string } {
  const js = /<script defer src="(\/admin\/assets\/main-[A-Z0-9]{8}\.js)"><\/script>/.exec(html)?.[1];
  const css = /<link rel="stylesheet" href="(\/admin\/assets\/main-[A-Z0-9]{8}\.css)">/.exec(html)?.[1];
  if (!js || !css) throw new Error(`The shell links no hashed script or stylesheet:\n${html}`);
  return { js, css };
}

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as sent: supertest and fetch would decompress them, and the budget is about what travels. */
  body: Buffer;
}

function raw(origin: string, path: string, acceptEncoding: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    get(`${origin}${path}`, { headers: { 'Accept-Encoding': acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

describe('the admin console at /admin (npm run build made dist/console)', () => {
  let t: TestApp;
  let origin: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    '/admin',
    '/admin/',
    '/admin/produk',
    '/admin/produk/baru',
    '/admin/produk/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
    '/admin/pesanan',
    '/admin/pesanan/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
    '/admin/pesanan/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/slip',
    '/admin/unit',
    '/admin/unit/baru',
    '/admin/unit/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
    '/admin/pengguna',
    '/admin/pengguna/baru',
    '/admin/pengguna/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
    '/admin/humas',
    '/admin/kampanye',
    '/admin/kampanye/baru',
    '/admin/kampanye/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
  ])(
    'answers %s with the shell page: HTML, not cached, under the console CSP',
    async (path) => {
      const response = await request(t.http).get(path).expect(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-store');
      const csp = response.headers['content-security-policy'] ?? '';
      const directives = Object.fromEntries(csp.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));
      expect(directives).toEqual({
        'default-src': "'none'",
        'script-src': "'self'",
        'style-src': "'self'",
        'img-src': `'self' blob: ${new URL(t.config.publicBaseUrl).origin}`,
        'connect-src': "'self'",
        'form-action': "'self'",
        'base-uri': "'none'",
        'frame-ancestors': "'none'",
      });
      expect(response.text).toMatch(/^<!doctype html>\n<html lang="id">/);
      // No inline script or style: the CSP allows none.
      expect(response.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\bstyle=/);
      linkedAssets(response.text);
    },
  );

  it('serves the hashed files for a year, immutable, compressed as the browser accepts', async () => {
    const shell = await request(t.http).get('/admin').expect(200);
    const { js, css } = linkedAssets(shell.text);
    const original = await readFile(join(__dirname, '..', 'dist', 'console', 'assets', js.split('/').pop() ?? ''));

    for (const [encoding, decode] of [
      ['gzip', gunzipSync],
      ['br', brotliDecompressSync],
      ['identity', (body: Buffer) => body],
    ] as const) {
      const response = await raw(origin, js, encoding);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(response.headers['vary']).toMatch(/Accept-Encoding/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-encoding']).toBe(encoding === 'identity' ? undefined : encoding);
      expect(decode(response.body).equals(original)).toBe(true);
    }
    // Without an Accept-Encoding header a client gets the plain file.
    expect((await raw(origin, js, '')).headers['content-encoding']).toBeUndefined();
    const style = await raw(origin, css, 'gzip');
    expect(style.status).toBe(200);
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(style.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('keeps the first load within 150 KB of gzip-compressed JavaScript', async () => {
    const shell = await request(t.http).get('/admin').expect(200);
    const { js } = linkedAssets(shell.text);
    const response = await raw(origin, js, 'gzip, deflate, br');
    expect(response.headers['content-encoding']).toBe('br');
    const gzipped = await raw(origin, js, 'gzip');
    const size = gzipped.body.length;
    expect(size).toBeLessThanOrEqual(JS_BUDGET_GZIP);
    // And it is the build's own manifest entry, not a stale file.
    expect(JSON.parse(await readFile(MANIFEST, 'utf8'))).toMatchObject({ js: js.split('/').pop() });
  });

  it('answers a file that is not in the bundle with 404, and never reads outside it', async () => {
    for (const path of ['/admin/assets/main-AAAAAAAA.js', '/admin/assets/manifest.json', '/admin/assets/..%2Fmanifest.json', '/admin/assets/main.js']) {
      const response = await request(t.http).get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
  });

  it('answers a path that is no screen with the site\'s 404, and leaves /api/v1/admin to the API', async () => {
    expect((await request(t.http).get('/admin/tidak-ada')).status).toBe(404);
    const response = await request(t.http).get('/api/v1/admin/products').expect(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
