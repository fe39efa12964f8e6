import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import type { ValidationError as ClassValidatorError } from 'class-validator';
import { DomainError, FieldError } from '../errors/domain-error.js';

/** Far deeper than any request shape; class-transformer recurses, and a deeper body overflows the stack. */
export const MAX_INPUT_DEPTH = 32;

/** Keys class-transformer drops without a word, so the whitelist never sees them. */
const DROPPED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What class-validator cannot report: nesting deep enough to crash the transform (a 500), keys
 * that would be ignored instead of refused, and NUL characters the database would refuse. Iterative, so the check itself cannot overflow.
 */
export function inputShapeError(value: unknown): FieldError | null {
  const pending: { value: unknown; field: string; depth: number }[] = [{ value, field: '', depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    // PostgreSQL text cannot hold NUL; refusing it here names the field instead of failing a query.
    if (typeof next.value === 'string' && next.value.includes('\u0000')) {
      return { field: next.field || 'body', message: 'contains a NUL character' };
    }
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= MAX_INPUT_DEPTH) return { field: next.field || 'body', message: `nests deeper than ${MAX_INPUT_DEPTH} levels` };
    for (const [key, child] of Object.entries(next.value)) {
      const field = next.field ? `${next.field}.${key}` : key;
      if (DROPPED_KEYS.has(key)) return { field, message: 'is not an accepted field' };
      pending.push({ value: child, field, depth: next.depth + 1 });
    }
  }
  return null;
}

class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const error = metadata.type === 'custom' ? null : inputShapeError(value);
    if (error) throw new DomainError('VALIDATION_FAILED', `${error.field}: ${error.message}`, { errors: [error] });
    return super.transform(value, metadata);
  }
}

/**
 * Every body, query and param goes through this: unknown fields are refused, not ignored, and
 * each problem is reported against the field that caused it.
 */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      const detail = fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ') || 'Invalid request';
      return new DomainError('VALIDATION_FAILED', detail, { errors: fieldErrors });
    },
  });
}

export function flatten(errors: ClassValidatorError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message: constraint === 'whitelistValidation' ? 'is not an accepted field' : stripField(message, error.property),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** class-validator messages start with the property name, which `field` already carries. */
function stripField(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
