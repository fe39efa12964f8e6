import { createHash } from 'node:crypto';
import type { PoolClient, QueryConfig } from 'pg';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';

/** A statement and its positional parameters. */
export interface SqlQuery {
  text: string;
  values: unknown[];
}

export interface RunSqlOptions {
  /**
   * Plan once per pooled connection (a named prepared statement) instead of on every call: for
   * hot reads whose plan does not depend on the parameter values. Planning a many-join read can
   * cost more than running it.
   */
  prepare?: boolean;
  /**
   * Statements (no parameters) run first, in a transaction with the query: `SET LOCAL` or
   * `set_config(..., true)` settings that must not outlive it. Sent together with BEGIN.
   */
  setup?: string;
  /** Run on the primary even when a read replica is configured (statements that write). */
  primary?: boolean;
}

/**
 * Each distinct text becomes a prepared statement on every pooled connection that runs it, held
 * until the connection closes. Texts vary with the filters a request combines; past this many,
 * new ones run unprepared so odd combinations cannot fill the server's memory.
 */
const MAX_PREPARED_TEXTS = 200;
const preparedNames = new Map<string, string>();

function statementName(text: string): string | undefined {
  const known = preparedNames.get(text);
  if (known !== undefined || preparedNames.size >= MAX_PREPARED_TEXTS) return known;
  const name = `etalase_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
  preparedNames.set(text, name);
  return name;
}

/**
 * Runs one statement on a pooled connection of the DataSource (a read replica when one is
 * configured, unless `primary`),
 * with what TypeORM's `query()` cannot do: prepared statements and transaction-local settings.
 * Failures surface as TypeORM's QueryFailedError, like every other query's.
 */
export async function runSql<Row>(dataSource: DataSource, query: SqlQuery, options: RunSqlOptions = {}): Promise<Row[]> {
  const runner = dataSource.createQueryRunner(options.primary ? 'master' : 'slave');
  try {
    const client = (await runner.connect()) as PoolClient;
    const name = options.prepare ? statementName(query.text) : undefined;
    const config: QueryConfig = name !== undefined ? { name, text: query.text, values: query.values } : { text: query.text, values: query.values };
    if (options.setup === undefined) {
      try {
        return (await client.query<Row & object>(config)).rows;
      } catch (error) {
        throw queryFailed(query, error);
      }
    }
    try {
      await client.query(`BEGIN; ${options.setup}`);
      const { rows } = await client.query<Row & object>(config);
      await client.query('COMMIT');
      return rows;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw queryFailed(query, error);
    }
  } finally {
    await runner.release();
  }
}

function queryFailed(query: SqlQuery, error: unknown): QueryFailedError {
  return new QueryFailedError(query.text, query.values, error instanceof Error ? error : new Error(String(error)));
}

/**
 * Runs one statement inside the caller's transaction, on that transaction's own connection (never
 * one from the pool: a transaction waiting for a second pooled connection can starve the pool
 * under load), as a named prepared statement: planned once per connection, for statements a hot
 * path runs on every request (checkout's per-line UPDATE). Outside a transaction it runs as
 * `em.query` would. Like `runSql`, it bypasses TypeORM's query log.
 */
export async function runSqlIn<Row>(em: EntityManager, query: SqlQuery): Promise<Row[]> {
  const runner = em.queryRunner;
  if (!runner?.isTransactionActive) return em.query<Row[]>(query.text, query.values);
  const client = (await runner.connect()) as PoolClient;
  const name = statementName(query.text);
  try {
    return (await client.query<Row & object>(name !== undefined ? { name, text: query.text, values: query.values } : { text: query.text, values: query.values })).rows;
  } catch (error) {
    throw queryFailed(query, error);
  }
}
