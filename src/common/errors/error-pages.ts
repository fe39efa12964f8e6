import type { Request, Response } from 'express';
import type { ProblemResult } from './to-problem.js';

/** Injection token of the optional ErrorPages (the showcase provides it). */
export const ERROR_PAGES = Symbol('ERROR_PAGES');

/**
 * A feature that serves HTML to people (the showcase) answers failures on its own paths with a
 * page in the page's language instead of problem+json: a 429 from the rate limiter, which runs
 * before any route and its filters, or a 503. The one global filter asks it first; everything it
 * declines, and every API path, stays problem+json.
 */
export interface ErrorPages {
  /** True when this failure of this request should be a page. */
  serves(request: Request, result: ProblemResult): boolean;
  /** Writes the page: status, Retry-After and the rest of the headers, body. */
  write(request: Request, response: Response, result: ProblemResult): void;
}
