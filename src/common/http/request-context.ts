import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Takes the caller's X-Request-Id when it is safe to echo (a load balancer's or a partner's),
 * otherwise makes one; either way it comes back on the response and in every log line.
 */
export function requestIdFor(request: IncomingMessage, response: ServerResponse): string {
  if (typeof request.id === 'string' && request.id.length > 0) return request.id;
  const incoming = request.headers['x-request-id'];
  const id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}

interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Lets deep code (the audit log) name the request it serves without threading it through. */
export function requestContextMiddleware(request: Request, response: Response, next: NextFunction): void {
  // First middleware of all, so even a body that fails to parse gets an id on its error.
  request.id = requestIdFor(request, response);
  storage.run({ requestId: String(request.id) }, next);
}

export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}
