import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath, type HeaderObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem.js';
import { ProblemView } from './problem.view.js';

/** The error statuses the API answers (API.md); a route documents the ones it can give. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 405 | 406 | 408 | 409 | 413 | 415 | 422 | 429 | 500 | 502 | 503;

/** Whether an error answer carries Retry-After: always (429, 503), for some of its codes, or never. */
export type RetryAfter = 'always' | 'sometimes' | 'never';

const OPTIONAL_RETRY_AFTER = { description: 'Seconds to wait before retrying, for the codes the description says', schema: { type: 'string', pattern: '^\\d+$' } };

/** The response object of one error status: problem+json, and Retry-After where the status has it. */
export function problemResponse(description: string, retryAfter: RetryAfter = 'never', extraHeaders: Record<string, HeaderObject> = {}): {
  description: string;
  content: Record<string, { schema: { $ref: string } }>;
  headers?: Record<string, object>;
} {
  const headers = { ...{ always: { 'Retry-After': { $ref: '#/components/headers/Retry-After' } }, sometimes: { 'Retry-After': OPTIONAL_RETRY_AFTER }, never: {} }[retryAfter], ...extraHeaders };
  return {
    description,
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemView) } } },
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
  };
}

/** Statuses that come with Retry-After (the seconds to wait). */
export const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/**
 * Documents an error answer of a route: application/problem+json with the Problem schema. The
 * description says which `code`s the route gives under that status and when. `retryAfter` says
 * whether the answer carries Retry-After (by default: 429 and 503 do); `headers`, any other it may carry.
 */
export function ApiProblem(
  status: ProblemStatus,
  options: { description: string; retryAfter?: RetryAfter; headers?: Record<string, HeaderObject> },
): MethodDecorator & ClassDecorator {
  const response = problemResponse(options.description, options.retryAfter ?? (RETRY_AFTER_STATUSES.has(status) ? 'always' : 'never'), options.headers);
  return applyDecorators(ApiExtraModels(ProblemView), ApiResponse({ status, ...response }));
}
