import { connect, type AddressInfo, type Socket } from 'node:net';
import { makeProduct } from './support/catalog-factories';
import { makeFacility, signedInAs } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

// The limits below are seconds; each test waits for the server to act, never for a clock.
jest.setTimeout(60_000);

interface Exchange {
  /** Everything the server sent before the connection closed. */
  received: string;
  /** False when the client gave up first: the server held the connection open. */
  closedByServer: boolean;
}

/** How long a client keeps dribbling before it gives up on the server ever cutting it off. */
const GIVE_UP_MS = 15_000;

/**
 * Opens a raw connection, sends `head`, then writes `drip` every 200 ms (a slowloris client) until
 * `stopAfter` drips, if given; resolves with what came back once the connection closes.
 */
function slowClient(port: number, head: string, drips: { drip: string; stopAfter?: number; finish?: string }): Promise<Exchange> {
  return new Promise((resolve) => {
    let received = '';
    let sent = 0;
    let gaveUp = false;
    const giveUp = setTimeout(() => {
      gaveUp = true;
      socket.destroy();
    }, GIVE_UP_MS);
    const socket: Socket = connect(port, '127.0.0.1', () => {
      socket.write(head);
      const timer = setInterval(() => {
        if (socket.destroyed || socket.writableEnded) return;
        if (drips.stopAfter !== undefined && sent >= drips.stopAfter) {
          clearInterval(timer);
          if (drips.finish !== undefined) socket.write(drips.finish);
          return;
        }
        socket.write(drips.drip);
        sent += 1;
      }, 200);
      socket.on('close', () => clearInterval(timer));
    });
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined); // EPIPE/ECONNRESET once the server hangs up: expected
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ received, closedByServer: !gaveUp });
    });
  });
}

function statusOf(exchange: Exchange): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(exchange.received)?.[1] ?? 0);
}

function problemOf(exchange: Exchange): { code?: string; detail?: string } {
  const body = exchange.received.slice(exchange.received.indexOf('\r\n\r\n') + 4);
  return JSON.parse(body) as { code?: string; detail?: string };
}

describe('slow senders (slowloris)', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({ HTTP_HEADERS_TIMEOUT_SECONDS: '1', HTTP_BODY_TIMEOUT_SECONDS: '1', UPLOAD_BODY_TIMEOUT_SECONDS: '4' });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('cuts off a JSON body dribbled byte by byte with 408 problem+json and closes the connection', async () => {
    const head = 'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{';
    const exchange = await slowClient(port, head, { drip: ' ' });
    expect(exchange.closedByServer).toBe(true);
    expect(statusOf(exchange)).toBe(408);
    expect(exchange.received).toMatch(/\r\ncontent-type: application\/problem\+json/i);
    expect(exchange.received).toMatch(/\r\nconnection: close/i);
    expect(problemOf(exchange)).toMatchObject({ code: 'REQUEST_TIMEOUT', detail: expect.stringContaining('within 1 s') as string });
  });

  it('closes a connection whose headers never end', async () => {
    const exchange = await slowClient(port, 'GET /api/v1/regions HTTP/1.1\r\nHost: localhost\r\n', { drip: 'X-Slow: a\r\n' });
    // Node answers its own 408 (or just hangs up); either way nothing was served.
    expect(exchange.closedByServer).toBe(true);
    expect([0, 408]).toContain(statusOf(exchange));
  });

  it('gives a photo upload the longer upload limit, and cuts it off at that limit', async () => {
    const facility = await makeFacility(t.dataSource);
    const product = await makeProduct(t.dataSource, facility);
    const admin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility });
    const boundary = 'etalase-slow-upload';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\nnot really a photo\r\n--${boundary}--\r\n`;
    const head = (length: number): string =>
      `POST /api/v1/admin/products/${product.id}/images HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${admin.bearer}\r\nConnection: close\r\n` +
      `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${length}\r\n\r\n`;

    // Ten drips of a byte 200 ms apart: longer than the JSON limit, well inside the upload limit.
    const slowButFinished = await slowClient(port, head(body.length) + body.slice(0, -10), { drip: '', stopAfter: 10, finish: body.slice(-10) });
    expect(statusOf(slowButFinished)).toBe(415); // judged on its bytes: the upload arrived whole
    expect(problemOf(slowButFinished).code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const neverFinished = await slowClient(port, head(body.length + 10_000) + body.slice(0, 20), { drip: 'x' });
    expect(neverFinished.closedByServer).toBe(true);
    expect(statusOf(neverFinished)).toBe(408);
    expect(problemOf(neverFinished)).toMatchObject({ code: 'REQUEST_TIMEOUT', detail: expect.stringContaining('within 4 s') as string });
  });
});
