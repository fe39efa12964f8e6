import { createServer, Server, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP pass-through in front of the test PostgreSQL that a test can cut and restore, to see what
 * the app does while its database is gone: `cut()` kills every open connection (queries in
 * flight fail with "Connection terminated unexpectedly", idle pooled ones are dropped) and then
 * refuses new ones (ECONNREFUSED), like a stopped server. `restore()` listens again on the same
 * port, so the app's URL stays valid and it has to recover on its own.
 */
export class DatabaseProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private port = 0;
  private targetHost = '';
  private targetPort = 0;
  private targetUrl = '';

  /** Set by cutWhen: the statement text that cuts the database off before it reaches the server. */
  private tripwire: { sql: Buffer; beforeCut: () => void } | undefined;

  static async start(targetUrl: string): Promise<DatabaseProxy> {
    const proxy = new DatabaseProxy();
    const target = new URL(targetUrl);
    proxy.targetUrl = targetUrl;
    proxy.targetHost = target.hostname;
    proxy.targetPort = Number(target.port || 5432);
    await proxy.listen();
    return proxy;
  }

  /** `targetUrl` with the proxy in place of the server. */
  get url(): string {
    const url = new URL(this.targetUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  get isCut(): boolean {
    return this.server === undefined;
  }

  async cut(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }

  /**
   * Cuts (as `cut()` does) the moment a client sends a message containing `sql`, before the server
   * sees it: the statements before it in the same transaction have run, it and the COMMIT never
   * will. That is a database lost half-way through a write. `beforeCut` runs first, e.g. to
   * kill -9 the app at exactly that step.
   */
  cutWhen(sql: string, beforeCut: () => void = () => undefined): void {
    this.tripwire = { sql: Buffer.from(sql, 'utf8'), beforeCut };
  }

  async restore(): Promise<void> {
    if (this.server) return;
    await this.listen();
  }

  close(): Promise<void> {
    return this.cut();
  }

  private listen(): Promise<void> {
    const server = createServer((client) => this.pipe(client));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        server.off('error', reject);
        this.port = (server.address() as AddressInfo).port;
        this.server = server;
        resolve();
      });
    });
  }

  private pipe(client: Socket): void {
    const upstream = new Socket();
    this.sockets.add(client);
    this.sockets.add(upstream);
    const end = (): void => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    upstream.connect(this.targetPort, this.targetHost, () => {
      client.on('data', (chunk: Buffer) => {
        const tripwire = this.tripwire;
        if (tripwire && chunk.includes(tripwire.sql)) {
          this.tripwire = undefined;
          tripwire.beforeCut();
          void this.cut();
          return;
        }
        upstream.write(chunk);
      });
      upstream.pipe(client);
    });
  }
}
