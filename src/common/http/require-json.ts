import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../errors/domain-error.js';

const ACCEPTED = [/^application\/json\b/i, /^application\/[\w.+-]+\+json\b/i, /^multipart\/form-data\b/i];

/**
 * A request that carries a body must say it is JSON (or a multipart upload): a form post or plain
 * text would otherwise reach validation as an empty object and be refused for the wrong reason.
 */
export function requireJsonBody(request: Request, response: Response, next: NextFunction): void {
  requireJsonBodyExcept([])(request, response, next);
}

const FORM = /^application\/x-www-form-urlencoded\b/i;

/** requireJsonBody, except that the website's HTML forms (`formPaths`, exact paths) may post as browsers do. */
export function requireJsonBodyExcept(formPaths: readonly string[]): (request: Request, response: Response, next: NextFunction) => void {
  const forms = new Set(formPaths);
  return (request, _response, next) => {
    if (forms.has(request.path) && FORM.test(request.headers['content-type'] ?? '')) {
      next();
      return;
    }
    checkJson(request, next);
  };
}

function checkJson(request: Request, next: NextFunction): void {
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  const type = request.headers['content-type'] ?? '';
  if (hasBody && !ACCEPTED.some((pattern) => pattern.test(type))) {
    next(new DomainError('UNSUPPORTED_MEDIA_TYPE', `Send the body as application/json (got ${type || 'no Content-Type'})`));
    return;
  }
  next();
}
