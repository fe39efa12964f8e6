import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { logOnce } from '../common/errors/problem-details.filter.js';
import { toProblem } from '../common/errors/to-problem.js';
import { ShowcaseErrorPages } from './showcase-error-pages.js';

/**
 * Errors on showcase pages become pages, not problem+json: a visitor (or a link preview) gets a
 * readable page in the page's language with the right status (ShowcaseErrorPages).
 */
@Catch()
export class ShowcaseErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly errorPages: ShowcaseErrorPages) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const result = toProblem(error);
    logOnce(error, result, response, this.logger);
    if (response.headersSent) return;
    this.errorPages.write(request, response, result);
  }
}
