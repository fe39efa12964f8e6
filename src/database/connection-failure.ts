import pg from 'pg';
import { StartupFailure, systemErrorCode } from '../common/errors/startup-failure.js';

/** Where a URL points, to name it in a message: never its password. */
function target(url: string): { server: string; host: string; user: string | undefined; database: string } {
  const parsed = new URL(url);
  const host = parsed.hostname || 'localhost';
  const user = parsed.username ? decodeURIComponent(parsed.username) : undefined;
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || (user ?? 'postgres');
  return { server: `${host}:${parsed.port || '5432'}`, host, user, database };
}

/**
 * Why DATABASE_URL could not be used, as one line saying what to do. Every failure to connect is
 * about the URL or the server it names, so this always has an answer.
 */
export function connectionFailure(error: unknown, url: string): StartupFailure {
  const { server, host, user, database } = target(url);
  const code = systemErrorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const who = user === undefined ? 'the connecting user' : `user "${user}"`;
  const line = (() => {
    switch (code) {
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
      case 'EAI_NONAME':
        return `DATABASE_URL names the host "${host}", which does not resolve (${code}): correct the host name (with Docker Compose, the database's service name)`;
      case 'ECONNREFUSED':
        return `Nothing accepts connections at ${server} (DATABASE_URL): start PostgreSQL there, or correct the host and port`;
      case 'ETIMEDOUT':
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return `${server} does not answer (${code}; DATABASE_URL): check the host, the port and any firewall in between`;
      case '28P01':
        return `PostgreSQL at ${server} refused ${who}: password authentication failed. Correct the user and password in DATABASE_URL`;
      case '28000':
        return `PostgreSQL at ${server} refused ${who} (${message}): correct the user in DATABASE_URL, or allow it in the server's pg_hba.conf`;
      case '3D000':
        return `Database "${database}" does not exist on ${server}: create it (createdb "${database}") or correct the database name at the end of DATABASE_URL`;
      default:
        return /timeout/i.test(message)
          ? `${server} does not answer (DATABASE_URL): check the host, the port and any firewall in between`
          : `Cannot connect to PostgreSQL at ${server} (DATABASE_URL): ${message}`;
    }
  })();
  return new StartupFailure(line, { cause: error });
}

/**
 * Connects once before anything else uses DATABASE_URL, so a wrong URL or an absent server is
 * reported as one line instead of a stack from whichever part of the app asked first.
 */
export async function checkDatabaseConnection(url: string, timeoutMs = 10_000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, application_name: 'etalase-start' });
  // A socket error after a failed connect must not surface as an unhandled 'error' event.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw connectionFailure(error, url);
  } finally {
    await client.end().catch(() => undefined);
  }
}
