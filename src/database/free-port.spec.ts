import { createServer } from 'node:net';
import { findFreePort, firstPortNotTaken } from './free-port';

/** A probe that answers the given ports in turn, then the last one forever. */
function probeAnswering(...ports: number[]): () => Promise<number> {
  let next = 0;
  return () => Promise.resolve(ports[Math.min(next++, ports.length - 1)] ?? 0);
}

describe('findFreePort', () => {
  it('never hands out a port promised to someone else, even when the probe returns it again', async () => {
    await expect(firstPortNotTaken(probeAnswering(45309, 45309, 45310), [45309])).resolves.toBe(45310);
  });

  it('takes the first port when nothing is promised', async () => {
    await expect(firstPortNotTaken(probeAnswering(45309, 45310), [])).resolves.toBe(45309);
  });

  it('gives up with a clear error rather than probing forever', async () => {
    await expect(firstPortNotTaken(probeAnswering(45309), [45309])).rejects.toThrow('No free loopback port other than 45309 after 20 tries');
  });

  it('finds a port a server can then listen on', async () => {
    const port = await findFreePort();
    const server = createServer();
    await new Promise<void>((listening, failed) => {
      server.once('error', failed);
      server.listen(port, '127.0.0.1', listening);
    });
    await new Promise((closed) => server.close(closed));
    expect(port).toBeGreaterThan(0);
  });
});
