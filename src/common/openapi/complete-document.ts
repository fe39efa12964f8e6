import type { HeaderObject, OpenAPIObject, OperationObject, ReferenceObject, ResponseObject } from '@nestjs/swagger';
import { problemResponse, RETRY_AFTER_STATUSES } from './api-problem.decorator.js';
import { isUnmetered } from '../http/unmetered-paths.js';

/**
 * Answers every route can give because of global middleware, pipes and the filter rather than
 * anything the route itself does: declared once here instead of on 76 handlers, where they would
 * drift. What a route does of its own (404, 409, 403...) stays on the route (ApiProblem).
 */
const HEADERS: Record<string, HeaderObject> = {
  'X-Request-Id': {
    description: 'The id of this request in the server logs (also `requestId` in a problem); send one to have it reused',
    required: true,
    schema: { type: 'string' },
  },
  'RateLimit-Policy': {
    description: 'The quota this request counts against, per API key or per address (draft-ietf-httpapi-ratelimit-headers): `"default";q=<requests>;w=<seconds>`',
    schema: { type: 'string', example: '"default";q=600;w=60' },
  },
  RateLimit: {
    description: 'What is left of the quota and the seconds until it is whole again: `"default";r=<remaining>;t=<seconds>`',
    schema: { type: 'string', example: '"default";r=599;t=60' },
  },
  'RateLimit-Limit': { description: 'Deprecated (an earlier draft): the `q` of RateLimit-Policy', deprecated: true, schema: { type: 'string', pattern: '^\\d+$' } },
  'RateLimit-Remaining': { description: 'Deprecated (an earlier draft): the `r` of RateLimit', deprecated: true, schema: { type: 'string', pattern: '^\\d+$' } },
  'RateLimit-Reset': { description: 'Deprecated (an earlier draft): the `t` of RateLimit', deprecated: true, schema: { type: 'string', pattern: '^\\d+$' } },
  'Retry-After': { description: 'Seconds to wait before retrying', required: true, schema: { type: 'string', pattern: '^\\d+$' } },
  ETag: { description: 'Weak validator of the body; send it back as If-None-Match to get 304 while it is unchanged', schema: { type: 'string' } },
  'Cache-Control': {
    description: '`public, max-age=<s>, stale-while-revalidate=<s>` on public catalog reads; `no-store` on anything with personal data and on errors',
    schema: { type: 'string' },
  },
};

const RATE_LIMIT_HEADERS = ['RateLimit-Policy', 'RateLimit', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'];

const GENERIC_PROBLEMS: Record<number, string> = {
  400: 'VALIDATION_FAILED: a parameter or the body is not valid (`errors` lists the fields); unknown fields are rejected, not ignored',
  401: 'An X-Api-Key was sent that is unknown (API_KEY_INVALID), revoked (API_KEY_REVOKED) or expired (API_KEY_EXPIRED); leave the header out to call anonymously',
  408: 'REQUEST_TIMEOUT: the body was still arriving after the body time limit; the connection is closed',
  413: 'PAYLOAD_TOO_LARGE: the body is larger than this route accepts',
  415: 'UNSUPPORTED_MEDIA_TYPE: a body that is not application/json (or multipart/form-data where the route takes files)',
  429: 'RATE_LIMITED: over the quota of this API key or address (see RateLimit); retry after Retry-After seconds',
  500: 'INTERNAL: a bug on our side; `requestId` helps us find it',
  503: 'SERVICE_UNAVAILABLE: the database is briefly unreachable; retry after Retry-After seconds',
};

type Responses = Record<string, ResponseObject | ReferenceObject | undefined>;

/** Adds the global answers and headers to every operation of `document` (in place), and the shared headers to its components. */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, headers: { ...document.components?.headers, ...HEADERS } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (operation) completeOperation(path, method, operation);
    }
  }
  return document;
}

function completeOperation(path: string, method: string, operation: OperationObject): void {
  // The rate limiter and the API key check do not see these paths.
  const limited = !isUnmetered(path);
  const responses = operation.responses as Responses;
  const statuses: number[] = [500, 503];
  if (limited) statuses.push(401, 429);
  if ((operation.parameters?.length ?? 0) > 0 || operation.requestBody) statuses.push(400);
  if (operation.requestBody) statuses.push(408, 413, 415);
  for (const status of statuses) {
    responses[status] ??= problemResponse(GENERIC_PROBLEMS[status] ?? '', RETRY_AFTER_STATUSES.has(status) ? 'always' : 'never');
  }
  if (method === 'get') {
    responses[304] ??= { description: 'Not Modified: the If-None-Match sent matches the current ETag; no body' };
  }
  for (const [status, response] of Object.entries(responses)) {
    if (!response || '$ref' in response) continue;
    const names = ['X-Request-Id', 'Cache-Control', ...(limited ? RATE_LIMIT_HEADERS : [])];
    if (response.content || status === '304') names.push('ETag');
    response.headers = { ...refs(names), ...response.headers };
  }
}

function refs(names: string[]): Record<string, ReferenceObject> {
  return Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));
}
