import { Logger } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainError } from '../errors/domain-error.js';
import { writeProblem } from '../errors/problem-details.filter.js';

interface Deadline {
  startedAt: number;
  timer: NodeJS.Timeout;
}

const deadlines = new WeakMap<IncomingMessage, Deadline>();
const logger = new Logger('Errors');

/**
 * How long a request body may take to arrive once its headers are in. Node's own requestTimeout
 * is one number for the whole server, and uploads need far longer than JSON; so every body gets
 * the short JSON limit here, and the upload interceptor lengthens it for its own routes only
 * (`extendBodyDeadline`). A body still arriving at the deadline is answered 408 and the
 * connection closed: a client that dribbles bytes no longer holds a socket for minutes.
 */
export function bodyDeadline(limitMs: number): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    if (hasBody && !request.complete) arm(request, response, Date.now(), limitMs);
    next();
  };
}

/** Gives this request's body until `limitMs` after it started arriving (uploads). */
export function extendBodyDeadline(request: Request, response: Response, limitMs: number): void {
  const deadline = deadlines.get(request);
  if (!deadline) return;
  clearTimeout(deadline.timer);
  arm(request, response, deadline.startedAt, limitMs);
}

function arm(request: Request, response: Response, startedAt: number, limitMs: number): void {
  const timer = setTimeout(() => expire(request, response, limitMs), Math.max(0, startedAt + limitMs - Date.now()));
  // Never keeps the process alive on its own (shutdown drains requests anyway).
  timer.unref();
  deadlines.set(request, { startedAt, timer });
  const disarm = (): void => {
    clearTimeout(timer);
    deadlines.delete(request);
  };
  // 'end' only fires for a body someone reads; 'close' covers the rest (answered, aborted).
  request.once('end', disarm);
  request.once('close', disarm);
}

function expire(request: Request, response: Response, limitMs: number): void {
  deadlines.delete(request);
  if (request.complete || request.socket.destroyed) return;
  if (response.headersSent) {
    request.socket.destroy();
    return;
  }
  response.setHeader('Connection', 'close');
  response.once('finish', () => request.socket.destroy());
  const seconds = Math.round(limitMs / 1000);
  writeProblem(
    new DomainError('REQUEST_TIMEOUT', `The request body did not arrive within ${seconds} s of its headers. Send the body as soon as the request starts, then retry.`),
    request,
    response,
    logger,
  );
}
