import 'reflect-metadata';
import { writeHeapSnapshot } from 'node:v8';
import { createApp } from '../../src/app.factory.js';
import { AppConfig } from '../../src/config/app-config.js';
import { parseEnvironment } from '../../src/config/environment.js';

/**
 * The app alone in a process of its own for `npm run bench -- --soak` and `npm run bench:cpu`, so
 * the memory and CPU time sampled are the app's, not the load generator's. Forked by soak.ts with its environment as JSON in argv[2];
 * answers IPC requests for `process.memoryUsage()` and heap snapshots.
 */
export type SoakRequest = { type: 'memory'; gc?: boolean } | { type: 'snapshot'; file: string } | { type: 'cpu' };
export type SoakReply = { type: 'ready'; port: number } | { type: 'memory'; usage: NodeJS.MemoryUsage } | { type: 'snapshot'; file: string } | { type: 'cpu'; usage: NodeJS.CpuUsage };

async function main(): Promise<void> {
  const env = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
  const config = new AppConfig(parseEnvironment(env), { jwtSecret: env.JWT_SECRET ?? '' });
  const app = await createApp(config, config.databaseUrl ?? '');
  await app.listen(config.port, '127.0.0.1');
  const reply = (message: SoakReply): void => void process.send?.(message);
  process.on('message', (message: SoakRequest) => {
    if (message.type === 'memory') {
      // Only when asked (the end of a run): a forced collection shows what is really retained.
      const collect = (globalThis as { gc?: () => void }).gc;
      if (message.gc && collect) collect();
      reply({ type: 'memory', usage: process.memoryUsage() });
    } else if (message.type === 'cpu') {
      // The app's own CPU time so far (cpu.bench.ts: per request, with the load generator elsewhere).
      reply({ type: 'cpu', usage: process.cpuUsage() });
    } else {
      reply({ type: 'snapshot', file: writeHeapSnapshot(message.file) });
    }
  });
  process.on('disconnect', () => void app.close().then(() => process.exit(0)));
  reply({ type: 'ready', port: config.port });
}

main().catch((error: unknown) => {
  process.stderr.write(`Soak app failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
