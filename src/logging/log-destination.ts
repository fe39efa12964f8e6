import pino, { type DestinationStream } from 'pino';
import pretty from 'pino-pretty';
import type { LogFormat } from '../config/environment.js';

/** `auto` means readable lines for a person at a terminal, JSON for everything that collects logs. */
export function resolveLogFormat(format: LogFormat, stdoutIsTerminal: boolean): 'json' | 'pretty' {
  if (format !== 'auto') return format;
  return stdoutIsTerminal ? 'pretty' : 'json';
}

/**
 * Where the process's log lines go: one synchronous stream on stdout shared by the start-up logger
 * and the app's, so lines keep their order and none is lost on exit. `pretty` formats them
 * in-process (no worker thread).
 */
export function logDestination(format: LogFormat, stdout: NodeJS.WriteStream = process.stdout): DestinationStream {
  if (resolveLogFormat(format, stdout.isTTY === true) === 'json') return pino.destination({ dest: 1, sync: true });
  return pretty({
    sync: true,
    destination: 1,
    translateTime: 'SYS:HH:MM:ss.l',
    // Every line of this process has these; the request fields are folded into the message.
    ignore: 'pid,hostname,service,context,req,res,responseTime',
    messageFormat: prettyMessage,
  });
}

interface RequestFields {
  method?: unknown;
  url?: unknown;
}

/** `[Context] message`, and for a request line `GET /api/v1/regions 200 12 ms`. */
export function prettyMessage(log: Record<string, unknown>, messageKey: string): string {
  const context = typeof log.context === 'string' ? `[${log.context}] ` : '';
  const message = typeof log[messageKey] === 'string' ? log[messageKey] : '';
  const request = log.req as RequestFields | undefined;
  const response = log.res as { statusCode?: unknown } | undefined;
  if (request && typeof request.method === 'string' && typeof request.url === 'string') {
    const status = typeof response?.statusCode === 'number' ? response.statusCode : '-';
    const took = typeof log.responseTime === 'number' ? ` ${log.responseTime} ms` : '';
    const quiet = message === 'request completed' ? '' : ` ${message}`;
    return `${context}${request.method} ${request.url} ${status}${took}${quiet}`;
  }
  return `${context}${message}`;
}
