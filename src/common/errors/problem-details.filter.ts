import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { clip, MAX_ECHO, PROBLEM_CONTENT_TYPE } from './problem.js';
import { toProblem } from './to-problem.js';

/** The one place errors become HTTP: RFC 9457 problem+json for everything. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    writeProblem(error, request, response, this.logger);
  }
}

export function writeProblem(error: unknown, request: Request, response: Response, logger: Logger): void {
  const { problem, retryAfterSeconds, unexpected } = toProblem(error);
  problem.instance = clip(request.originalUrl.split('?')[0], MAX_ECHO.instance);
  const requestId = typeof request.id === 'string' || typeof request.id === 'number' ? String(request.id) : '';
  if (requestId) problem.requestId = requestId;
  if (unexpected) {
    logger.error({ err: error, status: problem.status }, 'Unhandled error');
  }
  if (response.headersSent) return;
  if (retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(Math.ceil(retryAfterSeconds)));
  response.setHeader('Cache-Control', 'no-store');
  response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
