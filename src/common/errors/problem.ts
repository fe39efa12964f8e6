import type { ErrorCode } from './error-code.js';
import type { FieldError } from './domain-error.js';

/** RFC 9457 problem details, as every error response carries them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  /** How many more field errors there were than `errors` lists (at most MAX_LISTED_ERRORS). */
  moreErrors?: number;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * A problem lists this many field errors at most and counts the rest in `moreErrors`: enough to
 * fix a request by, and a hostile body cannot make the answer grow with it.
 */
export const MAX_LISTED_ERRORS = 20;

/**
 * Client text comes back in a problem (field names, paths, Nest's "Cannot GET /..."); each echo
 * is cut to a length that still identifies it, so the answer never grows with the request.
 */
export const MAX_ECHO = { field: 120, message: 300, detail: 2000, instance: 512 } as const;

export function clip(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}

export function problemType(code: ErrorCode): string {
  return `https://etalase.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`;
}
