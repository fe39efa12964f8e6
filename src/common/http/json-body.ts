import {
  applyDecorators,
  CallHandler,
  CanActivate,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import bodyParser from 'body-parser';
import type { Request, RequestHandler, Response } from 'express';
import type { IncomingMessage } from 'node:http';
import type { Observable } from 'rxjs';
import { AppConfig } from '../../config/app-config.js';
import { DomainError } from '../errors/domain-error.js';
import { ApiProblem } from '../openapi/api-problem.decorator.js';

/**
 * How a route's JSON body is read. Unmarked routes: before authentication, at BODY_LIMIT (small:
 * every body whose fields are short). `large`: at BODY_LIMIT_LARGE, after the guards. `raw`: kept
 * as bytes for a signature check, never parsed here.
 */
type BodyReading = 'large' | 'raw';

const BODY_READING = 'etalase:bodyReading';

/** Signed deliveries are verified on the exact bytes received (Nest's `rawBody: true` did this before). */
function keepRawBody(request: IncomingMessage, _response: unknown, bytes: Buffer): void {
  (request as RawBodyRequest<IncomingMessage>).rawBody = bytes;
}

function read(parser: RequestHandler, request: Request, response: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    void parser(request, response, (error?: unknown) => (error ? reject(readError(error)) : resolve()));
  });
}

/**
 * body-parser's own errors (413, malformed JSON, charset) carry a `type` the problem filter maps; a
 * body that fails to decompress comes as zlib's error with only a 400 status put on it.
 */
function readError(error: unknown): Error {
  const failure = error as Error & { type?: unknown; status?: unknown };
  if (failure.type !== undefined || failure.status !== 400) return failure;
  return new DomainError('VALIDATION_FAILED', 'The request body could not be decompressed; send it as its Content-Encoding says, or uncompressed');
}

/**
 * Reads the body of every route that does not say otherwise, before authentication (as Express's
 * global parser did: a malformed or oversized body is refused as such whoever sends it). Registered
 * as the first global guard.
 */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  private readonly json: RequestHandler;
  private readonly raw: RequestHandler;

  constructor(
    private readonly reflector: Reflector,
    config: AppConfig,
  ) {
    this.json = bodyParser.json({ limit: config.bodyLimit, verify: keepRawBody });
    this.raw = bodyParser.raw({ type: 'application/json', limit: config.bodyLimitLarge, verify: keepRawBody });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const reading = this.reflector.getAllAndOverride<BodyReading | undefined>(BODY_READING, [context.getHandler(), context.getClass()]);
    // A large body is read by LargeJsonBodyInterceptor, once the caller has been let in.
    if (reading === 'large') return true;
    const http = context.switchToHttp();
    await read(reading === 'raw' ? this.raw : this.json, http.getRequest<Request>(), http.getResponse<Response>());
    return true;
  }
}

/** A route's own interceptors run after every guard: by then the caller is authenticated. */
@Injectable()
export class LargeJsonBodyInterceptor implements NestInterceptor {
  private readonly json: RequestHandler;

  constructor(config: AppConfig) {
    this.json = bodyParser.json({ limit: config.bodyLimitLarge, verify: keepRawBody });
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    await read(this.json, http.getRequest<Request>(), http.getResponse<Response>());
    return next.handle();
  }
}

/**
 * For the few routes whose bodies carry long text (story Markdown, product descriptions): read at
 * BODY_LIMIT_LARGE, and only after authentication, so no anonymous client can make the server
 * parse that much.
 */
export const LargeJsonBody = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(BODY_READING, 'large'),
    UseInterceptors(LargeJsonBodyInterceptor),
    ApiProblem(413, { description: 'Body over BODY_LIMIT_LARGE, 512 KB unless configured (PAYLOAD_TOO_LARGE)' }),
  );

/**
 * For signed deliveries (Stripe): up to BODY_LIMIT_LARGE bytes are kept in `request.rawBody` and
 * nothing parses them before the signature has been checked.
 */
export const RawJsonBody = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(BODY_READING, 'raw'),
    ApiProblem(413, { description: 'Body over BODY_LIMIT_LARGE, 512 KB unless configured (PAYLOAD_TOO_LARGE)' }),
  );
