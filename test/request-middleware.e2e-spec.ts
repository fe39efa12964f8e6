import request from 'supertest';
import type { Problem } from '../src/common/errors/problem';
import { eventually, startTestApp, TestApp } from './support/test-app';

interface LogLine {
  level: number;
  msg: string;
  service?: string;
  req?: { id?: string };
  res?: { statusCode?: number };
}

const INFO = 30;
const WARN = 40;
/** Well-formed, never issued: it reaches the key lookup and counts as a failure. */
const UNKNOWN_KEY = `etk_${'a'.repeat(12)}_${'b'.repeat(32)}`;

let addresses = 0;
/** An address no earlier request used (TRUST_PROXY is on): a rate limit and key failures of its own. */
function freshAddress(): string {
  addresses += 1;
  return `10.77.${Math.floor(addresses / 250)}.${addresses % 250}`;
}

/**
 * The middleware every route runs (app.request-middleware.ts: the log line and request logger,
 * the API key, the rate limit) runs once per request on each kind of route: the API, the showcase's
 * pages, the console, the probes.
 */
describe('request middleware', () => {
  let t: TestApp;
  const lines: LogLine[] = [];
  const linesOf = (response: request.Response): LogLine[] => lines.filter((line) => line.req?.id === response.get('X-Request-Id'));
  const get = (path: string): request.Test => request(t.http).get(path).set('X-Forwarded-For', freshAddress());

  beforeAll(async () => {
    t = await startTestApp(
      { LOG_LEVEL: 'info', TRUST_PROXY: 'true', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000', API_KEY_MAX_FAILURES_PER_IP: '1' },
      { logDestination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) } },
    );
  });
  afterAll(() => t.close());

  it.each([
    ['an API route', '/api/v1/regions', 200, INFO],
    ['a miss under /api/v1', '/api/v1/no-such-thing', 404, WARN],
    ['a showcase page', '/cari', 200, INFO],
    ['a missing showcase page', '/produk/no-such-product', 404, WARN],
    ['a site file', '/robots.txt', 200, INFO],
    ['a missing console file', '/admin/assets/no-such-file.js', 404, WARN],
  ])('writes one line for the response on %s (%s)', async (_kind, path, status, level) => {
    const response = await get(path).expect(status);
    // pino-http writes on 'finish', which may come just after the client has the response.
    const logged = await eventually(async () => (linesOf(response).length > 0 ? linesOf(response) : undefined));
    expect(logged.map((line) => ({ level: line.level, status: line.res?.statusCode, service: line.service }))).toEqual([{ level, status, service: 'etalase' }]);
  });

  it('writes no line for a probe that succeeds', async () => {
    const probe = await get('/health/ready').expect(200);
    // A later request's line is written after the probe's would have been.
    const after = await get('/api/v1/regions').expect(200);
    await eventually(async () => (linesOf(after).length > 0 ? true : undefined));
    expect(linesOf(probe)).toEqual([]);
  });

  it('logs what is said while serving a request with that request, on the line of its own', async () => {
    const address = freshAddress();
    await request(t.http).get('/cari').set('X-Forwarded-For', address).set('X-Api-Key', UNKNOWN_KEY).expect(401);
    const throttled = await request(t.http).get('/cari').set('X-Forwarded-For', address).set('X-Api-Key', UNKNOWN_KEY).expect(429);
    const logged = await eventually(async () => (linesOf(throttled).length >= 2 ? linesOf(throttled) : undefined));
    expect(logged.map((line) => line.msg)).toEqual(['Too many failed API keys from one address', 'request completed']);
  });

  it.each([['/health/live'], ['/health/ready']])('leaves probes alone: %s answers 200 whatever X-Api-Key says (OpenAPI lists no 401 there)', async (path) => {
    await get(path).set('X-Api-Key', 'not-a-key').expect(200);
  });

  it.each([
    ['an API route', '/api/v1/regions'],
    ['a showcase page', '/cari'],
    ['a console screen', '/admin/produk'],
  ])('refuses a bad API key with 401 problem+json on %s', async (_kind, path) => {
    const response = await get(path).set('X-Api-Key', 'not-a-key');
    expect({ status: response.status, code: (response.body as Problem).code }).toEqual({ status: 401, code: 'API_KEY_INVALID' });
    expect(response.get('Content-Type')).toMatch(/^application\/problem\+json/);
  });

  it.each([['/health/live'], ['/health/ready']])('leaves probes alone: %s answers 200 whatever X-Api-Key says (OpenAPI lists no 401 there)', async (path) => {
    await get(path).set('X-Api-Key', 'not-a-key').expect(200);
  });

  it.each([
    ['an API route', '/api/v1/regions'],
    ['a miss under /api/v1', '/api/v1/no-such-thing'],
    ['a showcase page', '/cari'],
    ['a missing console file', '/admin/assets/no-such-file.js'],
  ])('counts a request once against the rate limit on %s', async (_kind, path) => {
    const address = freshAddress();
    const remaining = async (): Promise<number> => {
      const response = await request(t.http).get(path).set('X-Forwarded-For', address);
      expect(response.get('RateLimit-Policy')).toBe('"default";q=1000;w=60');
      return Number(/;r=(\d+);/.exec(response.get('RateLimit') ?? '')?.[1]);
    };
    expect([await remaining(), await remaining(), await remaining()]).toEqual([999, 998, 997]);
  });
});
