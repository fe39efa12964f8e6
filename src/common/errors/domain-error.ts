import type { ErrorCode } from './error-code.js';

export interface FieldError {
  field: string;
  message: string;
}

export interface DomainErrorOptions {
  errors?: FieldError[];
  /** Seconds a client should wait before retrying (429, 503). */
  retryAfterSeconds?: number;
}

/**
 * The only kind of error services throw on purpose. The global filter turns the `code` into an
 * HTTP status; services never know about HTTP.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly options: DomainErrorOptions = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} was not found`);
  }
}

export class ForbiddenError extends DomainError {
  constructor(detail: string) {
    super('FORBIDDEN', detail);
  }
}

export class ValidationError extends DomainError {
  constructor(field: string, message: string) {
    super('VALIDATION_FAILED', `${field} ${message}`, { errors: [{ field, message }] });
  }
}

export class ConflictError extends DomainError {
  constructor(detail: string) {
    super('CONFLICT', detail);
  }
}
