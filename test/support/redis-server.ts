import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { findFreePort } from '../../src/database/free-port';

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}

/** A private, throwaway Redis (Debian's redis-server) on a free port, nothing saved to disk. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await findFreePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const spawnFailed = new Promise<never>((_resolve, reject) => child.once('error', (error) => reject(new Error(`Could not start redis-server: ${error.message}`))));
  const url = `redis://127.0.0.1:${port}`;
  await Promise.race([spawnFailed, untilRedisAnswers(url)]);
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill();
      });
    },
  };
}

async function untilRedisAnswers(url: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    try {
      await client.connect();
      await client.ping();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      client.disconnect();
    }
  }
}
