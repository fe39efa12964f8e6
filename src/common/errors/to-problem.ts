import { HttpException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DATABASE_RETRY_AFTER_SECONDS, UnavailableCause, unavailableCause } from '../../database/database-unavailable.js';
import { DomainError, FieldError } from './domain-error.js';
import { ERROR_STATUS, ERROR_TITLES, ErrorCode, codeForStatus } from './error-code.js';
import { clip, MAX_ECHO, MAX_LISTED_ERRORS, Problem, problemType } from './problem.js';

export interface ProblemResult {
  problem: Problem;
  retryAfterSeconds?: number;
  /** True when the error is ours, not the client's: it gets logged with its stack. */
  unexpected: boolean;
  /** Set when a dependency is down (not a bug): logged once per request as this short cause, without a stack. */
  outage?: UnavailableCause;
}

/** Errors raised by body-parser carry a `type` naming what went wrong with the raw body. */
interface BodyParserError {
  type: string;
  status?: number;
  limit?: number;
}

/**
 * Maps anything thrown while serving a request to problem details. Pure, so every mapping is
 * unit-tested; the filter only writes the result.
 */
export function toProblem(error: unknown): ProblemResult {
  if (error instanceof DomainError) {
    return {
      problem: build(error.code, error.detail, error.options.errors),
      retryAfterSeconds: error.options.retryAfterSeconds,
      unexpected: false,
    };
  }
  if (error instanceof HttpException) {
    // A deliberate 503 (readiness while the database is down) is an answer, not a bug.
    const status = error.getStatus();
    return { problem: fromHttpException(error), unexpected: status >= 500 && status !== 503 };
  }
  if (isBodyParserError(error)) {
    return { problem: fromBodyParserError(error), unexpected: false };
  }
  if (error instanceof QueryFailedError && driverCode(error.driverError as unknown) === '23505') {
    // A unique constraint lost a race that a service's own check could not see.
    return { problem: build('CONFLICT', 'A resource with the same unique value already exists'), unexpected: false };
  }
  if (error instanceof QueryFailedError && driverCode(error.driverError as unknown) === '22021') {
    // A NUL character in client text: valid JSON and URL encoding, but PostgreSQL text cannot hold it.
    return { problem: build('VALIDATION_FAILED', 'The request contains a character that cannot be stored (NUL)'), unexpected: false };
  }
  const outage = unavailableCause(error);
  if (outage) {
    // Refused, reset, timed out, shut down, starting up, out of connections: the request was fine
    // and will work again in a moment. A connection lost mid-transaction rolls it back.
    return {
      problem: build(
        'SERVICE_UNAVAILABLE',
        'The database is unavailable for a moment. Retry after the number of seconds in Retry-After; ' +
          'repeat an order with the same Idempotency-Key so it can never be placed twice.',
      ),
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
      unexpected: false,
      outage,
    };
  }
  return { problem: build('INTERNAL', 'Something went wrong on our side; the request id helps us find it'), unexpected: true };
}

function build(code: ErrorCode, detail: string, errors: FieldError[] = []): Problem {
  const problem: Problem = {
    type: problemType(code),
    title: ERROR_TITLES[code],
    status: ERROR_STATUS[code],
    detail: clip(detail, MAX_ECHO.detail),
    code,
  };
  const listed = errors.slice(0, MAX_LISTED_ERRORS);
  if (listed.length > 0) {
    problem.errors = listed.map((e) => ({ field: clip(e.field, MAX_ECHO.field), message: clip(e.message, MAX_ECHO.message) }));
  }
  if (errors.length > listed.length) problem.moreErrors = errors.length - listed.length;
  return problem;
}

function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  const code = codeForStatus(status);
  const response = error.getResponse();
  let detail = error.message;
  if (typeof response === 'object' && response !== null && 'message' in response) {
    const message = (response).message;
    if (typeof message === 'string') detail = message;
    if (Array.isArray(message)) detail = message.join('; ');
  }
  const problem = build(code, detail);
  // Nest's own errors carry statuses outside our table (e.g. 405); keep the real one.
  problem.status = status;
  return problem;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string'
    && typeof (error as { status?: unknown }).status === 'number';
}

function fromBodyParserError(error: BodyParserError): Problem {
  switch (error.type) {
    case 'entity.parse.failed':
      return build('VALIDATION_FAILED', 'The request body is not valid JSON');
    case 'entity.too.large':
      return build('PAYLOAD_TOO_LARGE', `The request body is larger than this endpoint accepts (${error.limit ?? 'its limit in'} bytes); send only the documented fields, within their documented lengths`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return build('UNSUPPORTED_MEDIA_TYPE', 'The request body encoding or charset is not supported');
    default:
      return build(codeForStatus(error.status ?? 400), 'The request body could not be read');
  }
}

function driverCode(driverError: unknown): string | undefined {
  if (typeof driverError === 'object' && driverError !== null && 'code' in driverError) {
    return String((driverError).code);
  }
  return undefined;
}
