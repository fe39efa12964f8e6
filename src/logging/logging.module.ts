import { DynamicModule, Module } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { LoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream, type LevelWithSilent } from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from '../config/app-config.js';
import { requestIdFor } from '../common/http/request-context.js';

@Module({})
export class LoggingModule {
  /** `destination` replaces stdout (tests read the lines). */
  static forRoot(config: AppConfig, destination?: DestinationStream): DynamicModule {
    const options: Options = {
      level: config.logLevel,
      genReqId: requestIdFor,
      // On the logger itself, not per request (pino-http's customProps makes a child logger for
      // each request): every line names the service, those written outside a request too.
      base: { pid: process.pid, hostname: hostname(), service: 'etalase' },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'req.headers["x-order-token"]'],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: withoutEmptyStack,
      },
      customLogLevel: responseLogLevel,
      customErrorMessage: (_req, res) => (res.statusCode === 503 ? 'request answered 503: a dependency is unavailable' : 'request errored'),
    };
    return {
      module: LoggingModule,
      // No routes: app.request-middleware.ts mounts nestjs-pino's middleware, once for every route.
      imports: [LoggerModule.forRoot({ pinoHttp: destination ? [options, destination] : options, forRoutes: [] })],
    };
  }
}

/** An outage's cause has no stack on purpose (problem-details.filter.ts); pino would write `"stack":""`. */
function withoutEmptyStack(error: Error): pino.SerializedError {
  const serialized = pino.stdSerializers.err(error);
  if (serialized.stack === '') delete (serialized as { stack?: string }).stack;
  return serialized;
}

/**
 * The level of the one line each response gets (the error filter puts a 5xx's cause on it).
 * 503 is a warning: a dependency is down and the client was told when to retry; a bug is an error.
 */
export function responseLogLevel(request: IncomingMessage, response: ServerResponse, error?: Error): LevelWithSilent {
  const status = response.statusCode;
  // Probes hit these every few seconds; their lines drown everything else. A failing probe is news.
  if ((request.url ?? '').startsWith('/health/') && status < 400) return 'silent';
  if (status === 503) return 'warn';
  if (error || status >= 500) return 'error';
  return status >= 400 ? 'warn' : 'info';
}
