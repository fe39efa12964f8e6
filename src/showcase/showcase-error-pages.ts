import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ErrorPages } from '../common/errors/error-pages.js';
import type { ProblemResult } from '../common/errors/to-problem.js';
import { languageOfPath } from '../common/web/web-paths.js';
import { AppConfig } from '../config/app-config.js';
import { mediaOrigins } from '../common/http/media-origins.js';
import { startPage } from './page-response.js';
import type { ErrorKind } from './pages/error.page.js';
import { ShowcasePagesService } from './showcase-pages.service.js';

/** Paths that belong to the API and its files: their failures stay problem+json. */
export const NOT_PAGES = /^\/(api|docs|media|health)(\/|$)/;

/**
 * Failures on the website's paths as pages in the page's language, with the status the API would
 * answer (toProblem), except that a malformed slug is simply not found and a deleted product is
 * 410 so search engines drop it. A 429 or 503 says in words how long to wait (Retry-After).
 */
@Injectable()
export class ShowcaseErrorPages implements ErrorPages {
  private readonly origins: string[];

  constructor(
    private readonly pages: ShowcasePagesService,
    config: AppConfig,
  ) {
    this.origins = mediaOrigins(config);
  }

  /**
   * Asked by the global filter, which sees what fails before a page's own filter can (the rate
   * limiter is middleware): throttled or unavailable website paths get a page, whatever the client
   * accepts, as the page itself would have been HTML.
   */
  serves(request: Request, result: ProblemResult): boolean {
    const status = result.problem.status;
    return (status === 429 || status === 503) && !NOT_PAGES.test(request.path);
  }

  write(request: Request, response: Response, result: ProblemResult): void {
    const [status, kind] = pageFor(result.problem.status);
    const retryAfter = result.retryAfterSeconds === undefined ? undefined : Math.max(1, Math.ceil(result.retryAfterSeconds));
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    const nonce = startPage(response, this.origins);
    response.setHeader('Cache-Control', 'no-store');
    response.status(status).send(this.pages.error(languageOfPath(request.path), nonce, kind, retryAfter));
  }
}

/**
 * The page and status for a failure. A client's mistake keeps its 4xx status (a too-large form is
 * 413, not a server fault); only the server's own failures are 5xx.
 */
export function pageFor(status: number): [number, ErrorKind] {
  if (status === 400 || status === 404) return [404, 'notFound'];
  if (status === 410) return [410, 'gone'];
  if (status === 403) return [403, 'forbidden'];
  if (status === 429) return [429, 'busy'];
  if (status === 503) return [503, 'unavailable'];
  if (status >= 400 && status < 500) return [status, 'badRequest'];
  return [500, 'unavailable'];
}
