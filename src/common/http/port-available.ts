import { createServer } from 'node:net';
import { unavailablePort } from '../errors/startup-failure.js';

/**
 * Fails at once, with one line, when the HTTP port is taken (or not ours to take), instead of after
 * the database has started, migrated and seeded. The real listen can still lose a race; main
 * reports that the same way.
 */
export async function assertPortAvailable(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) => reject(unavailablePort(host, port, error) ?? error));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
