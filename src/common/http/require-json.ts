import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../errors/domain-error.js';

const ACCEPTED = [/^application\/json\b/i, /^application\/[\w.+-]+\+json\b/i, /^multipart\/form-data\b/i];

/**
 * A request that carries a body must say it is JSON (or a multipart upload): a form post or plain
 * text would otherwise reach validation as an empty object and be refused for the wrong reason.
 */
export function requireJsonBody(request: Request, _response: Response, next: NextFunction): void {
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  const type = request.headers['content-type'] ?? '';
  if (hasBody && !ACCEPTED.some((pattern) => pattern.test(type))) {
    next(new DomainError('UNSUPPORTED_MEDIA_TYPE', `Send the body as application/json (got ${type || 'no Content-Type'})`));
    return;
  }
  next();
}
