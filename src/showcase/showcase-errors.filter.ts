import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { logOnce } from '../common/errors/problem-details.filter.js';
import { toProblem } from '../common/errors/to-problem.js';
import { languageOfPath } from '../common/web/web-paths.js';
import { AppConfig } from '../config/app-config.js';
import { mediaOrigins } from '../common/http/media-origins.js';
import { startPage } from './page-response.js';
import type { ErrorKind } from './pages/error.page.js';
import { ShowcasePagesService } from './showcase-pages.service.js';

/**
 * Errors on showcase pages become pages, not problem+json: a visitor (or a link preview) gets a
 * readable page in the page's language with the right status. The status is the one the global
 * filter would answer (same toProblem), except that a malformed slug is simply not found, and a
 * deleted product is 410 so search engines drop it.
 */
@Catch()
export class ShowcaseErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(
    private readonly pages: ShowcasePagesService,
    private readonly config: AppConfig,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const result = toProblem(error);
    logOnce(error, result, response, this.logger);
    if (response.headersSent) return;
    const [status, kind] = pageFor(result.problem.status);
    if (result.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(Math.ceil(result.retryAfterSeconds)));
    const nonce = startPage(response, mediaOrigins(this.config));
    response.setHeader('Cache-Control', 'no-store');
    response.status(status).send(this.pages.error(languageOfPath(request.path), nonce, kind));
  }
}

function pageFor(status: number): [number, ErrorKind] {
  if (status === 400 || status === 404) return [404, 'notFound'];
  if (status === 410) return [410, 'gone'];
  if (status === 403) return [403, 'forbidden'];
  if (status === 429) return [429, 'busy'];
  if (status === 503) return [503, 'unavailable'];
  return [500, 'unavailable'];
}
