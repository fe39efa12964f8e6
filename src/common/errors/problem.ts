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
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: ErrorCode): string {
  return `https://etalase.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`;
}
