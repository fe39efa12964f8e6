import { ArgumentsHost, Catch, ExceptionFilter, Inject, Logger, Optional } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ERROR_PAGES, type ErrorPages } from './error-pages.js';
import { clip, MAX_ECHO, PROBLEM_CONTENT_TYPE } from './problem.js';
import { ProblemResult, toProblem } from './to-problem.js';

/**
 * The one place errors become HTTP: RFC 9457 problem+json for everything, except the failures a
 * website page answers with a page of its own (ErrorPages: a 429 or 503 on a showcase path).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Optional() @Inject(ERROR_PAGES) private readonly pages?: ErrorPages) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    writeProblem(error, request, response, this.logger, this.pages);
  }
}

export function writeProblem(error: unknown, request: Request, response: Response, logger: Logger, pages?: ErrorPages): void {
  const result = toProblem(error);
  const { problem, retryAfterSeconds } = result;
  problem.instance = clip(request.originalUrl.split('?')[0], MAX_ECHO.instance);
  const requestId = typeof request.id === 'string' || typeof request.id === 'number' ? String(request.id) : '';
  if (requestId) problem.requestId = requestId;
  logOnce(error, result, response, logger);
  if (response.headersSent) return;
  if (pages?.serves(request, result)) return pages.write(request, response, result);
  if (retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(Math.ceil(retryAfterSeconds)));
  response.setHeader('Cache-Control', 'no-store');
  response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/**
 * One line per failed request. pino-http already writes one for every response it saw
 * (logging.module.ts) and, for a 5xx, logs `res.err` on it, or else an error of its own whose
 * stack says nothing. So the cause goes there: the real error with its stack when it is a bug; a
 * short message without a stack for an outage (a stopped database fails every request the same
 * way). Only responses pino-http never saw (failures in the middleware before it) are logged here.
 */
export function logOnce(error: unknown, result: ProblemResult, response: Response, logger: Logger): void {
  if (result.problem.status < 500) return;
  const cause = result.unexpected ? asError(error) : withoutStack(result);
  response.err = cause;
  if ((response as { log?: unknown }).log !== undefined) return;
  if (result.unexpected) logger.error({ err: cause, status: result.problem.status }, 'Unhandled error');
  else logger.warn({ err: cause, status: result.problem.status }, result.problem.title);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** A deliberate 5xx (an outage, a payment provider's failure): what happened, not where in our code. */
function withoutStack(result: ProblemResult): Error {
  const summary = Object.assign(new Error(result.outage?.message ?? result.problem.detail), {
    code: result.outage?.code ?? result.problem.code,
  });
  summary.name = result.outage ? 'DatabaseUnavailable' : result.problem.code;
  summary.stack = undefined;
  return summary;
}
