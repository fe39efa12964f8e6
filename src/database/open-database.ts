import type { AppConfig } from '../config/app-config.js';
import { RunningDatabase, startEmbeddedPostgres } from './embedded-postgres.js';

interface BootLog {
  info(message: string): void;
  debug(message: string): void;
}

/** DATABASE_URL when given; otherwise the embedded server in DATA_DIR. */
export async function openDatabase(config: AppConfig, log: BootLog): Promise<RunningDatabase> {
  if (config.databaseUrl !== undefined) {
    return { url: config.databaseUrl, stop: async () => undefined };
  }
  return startEmbeddedPostgres(config.dataDir, {
    info: (message) => log.info(message),
    debug: (message) => log.debug(message),
  });
}
