import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkWebhookAgainstOpenApi } from './openapi-check';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

/** A partner's webhook receiver on a local port: records every request, fails on demand. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** Answer the next N requests with 500. */
  failNext = 0;
  private server: Server | undefined;
  private port = 0;

  url(path = '/etalase/webhooks'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const answered = this.failNext > 0 ? 500 : 200;
        if (this.failNext > 0) this.failNext -= 1;
        const body = Buffer.concat(chunks);
        checkWebhookAgainstOpenApi(request.headers, body);
        this.received.push({ headers: request.headers, body: body.toString('utf8'), answered });
        response.writeHead(answered, { 'content-type': 'text/plain' }).end(answered === 200 ? 'ok' : 'receiver is down');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server?.address() as AddressInfo).port;
    return this;
  }

  ofType(type: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.headers['etalase-event-type'] === type);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
