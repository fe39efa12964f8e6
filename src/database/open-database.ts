import type { AppConfig } from '../config/app-config.js';
import { checkDatabaseConnection } from './connection-failure.js';
import { RunningDatabase, startEmbeddedPostgres } from './embedded-postgres.js';

interface BootLog {
  info(message: string): void;
  debug(message: string): void;
}

/**
 * DATABASE_URL when given (checked by connecting once, so a wrong URL is one clear line); otherwise
 * the embedded server in DATA_DIR, in a session of its own: the app stops it last, after its own
 * connections are closed.
 */
export async function openDatabase(config: AppConfig, log: BootLog): Promise<RunningDatabase> {
  if (config.databaseUrl !== undefined) {
    await checkDatabaseConnection(config.databaseUrl);
    return { url: config.databaseUrl, stop: async () => undefined };
  }
  return startEmbeddedPostgres(
    config.dataDir,
    {
      info: (message) => log.info(message),
      debug: (message) => log.debug(message),
    },
    // The app listens on PORT once the database is up: until then the port looks free to a probe.
    { ownSession: true, avoidPorts: [config.port] },
  );
}
