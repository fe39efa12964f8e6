import { createServer } from 'node:net';

/** Probes enough for any machine: two probes in a row rarely return the same port. */
const MAX_PROBES = 20;

/**
 * A loopback TCP port nobody listens on right now, other than the `taken` ones: ports already
 * promised to someone who has not bound them yet. A probe's port is free again as soon as the probe
 * closes, so the next probe may well be handed the same one (the app's PORT and its embedded
 * PostgreSQL once collided that way).
 */
export function findFreePort(taken: readonly number[] = []): Promise<number> {
  return firstPortNotTaken(probeFreePort, taken);
}

/** Probes until a port is not one of `taken` (the rule of findFreePort, apart from the sockets). */
export async function firstPortNotTaken(probe: () => Promise<number>, taken: readonly number[]): Promise<number> {
  for (let tries = 0; tries < MAX_PROBES; tries += 1) {
    const port = await probe();
    if (!taken.includes(port)) return port;
  }
  throw new Error(`No free loopback port other than ${taken.join(', ')} after ${MAX_PROBES} tries`);
}

function probeFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
