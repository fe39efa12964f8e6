import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable.js';

/**
 * Sends TypeORM's messages to the application log (JSON, with the request id) instead of
 * colouring them onto the console. Failed queries are warnings: the error filter decides whether
 * the failure was the client's or ours, and logs ours as errors.
 */
export class DatabaseLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('Database');

  constructor(private readonly slowQueryMs = 500) {}

  logQuery(): void {
    // Every query would drown the log; slow and failed ones are what matter.
  }

  logQueryError(error: string | Error, query: string): void {
    // A lost connection fails every query alike; the request's 503 line reports it once.
    if (isDatabaseUnavailable(error)) return;
    this.logger.warn({ query: clip(query), error: error instanceof Error ? error.message : error }, 'Query failed');
  }

  logQuerySlow(time: number, query: string): void {
    if (time >= this.slowQueryMs) this.logger.warn({ query: clip(query), ms: time }, 'Slow query');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.log(String(message));
  }
}

function clip(query: string): string {
  return query.length > 500 ? `${query.slice(0, 500)}…` : query;
}
