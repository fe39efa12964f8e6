import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import { AppConfig } from '../config/app-config.js';
import { mediaOrigins } from '../common/http/media-origins.js';
import type { ConsoleAsset } from './console-bundle.js';
import { consolePolicy } from './console-shell.js';

/** The shell page: HTML under the console's CSP; never cached (the global interceptor's no-store), so a new build is picked up at once. */
@Injectable()
export class ConsoleShellHeaders implements NestInterceptor {
  private readonly policy: string;

  constructor(config: AppConfig) {
    this.policy = consolePolicy(mediaOrigins(config));
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    response.setHeader('Content-Security-Policy', this.policy);
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    return next.handle();
  }
}

/** A hashed file: its name changes with its content, so browsers keep it for a year without asking. */
@Injectable()
export class ConsoleAssetHeaders implements NestInterceptor<ConsoleAsset, StreamableFile> {
  intercept(context: ExecutionContext, next: CallHandler<ConsoleAsset>): Observable<StreamableFile> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((asset) => {
        response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        response.setHeader('Vary', 'Accept-Encoding');
        response.setHeader('X-Content-Type-Options', 'nosniff');
        if (asset.encoding !== 'identity') response.setHeader('Content-Encoding', asset.encoding);
        return new StreamableFile(asset.body, { type: asset.contentType, length: asset.body.length });
      }),
    );
  }
}
