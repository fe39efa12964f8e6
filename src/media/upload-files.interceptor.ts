import { CallHandler, ExecutionContext, HttpException, Injectable, mixin, NestInterceptor, Type } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { DomainError } from '../common/errors/domain-error.js';
import { extendBodyDeadline } from '../common/http/body-deadline.js';
import { AppConfig } from '../config/app-config.js';

/** Text fields an upload form may carry besides its files (e.g. `alt`), and their size. */
const MAX_TEXT_FIELDS = 10;
const MAX_TEXT_FIELD_BYTES = 4 * 1024;

/**
 * The one place upload limits live: multer (in memory) with the configured number and size of
 * files, read from AppConfig when the route is first used rather than when it is declared.
 * Multer's own errors become problem+json with the limit spelled out.
 */
export function UploadFilesInterceptor(fieldName: string): Type<NestInterceptor> {
  @Injectable()
  class UploadFiles implements NestInterceptor {
    private readonly multer: NestInterceptor;
    private readonly maxFiles: number;
    private readonly maxFileBytes: number;
    private readonly bodyTimeoutMs: number;

    constructor(config: AppConfig) {
      this.bodyTimeoutMs = config.httpTimeouts.uploadBodyMs;
      this.maxFiles = config.media.maxFilesPerRequest;
      this.maxFileBytes = config.media.maxFileBytes;
      const Multer = FilesInterceptor(fieldName, this.maxFiles, {
        limits: {
          fileSize: this.maxFileBytes,
          files: this.maxFiles,
          fields: MAX_TEXT_FIELDS,
          fieldSize: MAX_TEXT_FIELD_BYTES,
          parts: this.maxFiles + MAX_TEXT_FIELDS,
        },
      });
      this.multer = new Multer();
    }

    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      // Photos over a slow link take longer than JSON: this route's body gets the upload limit.
      const http = context.switchToHttp();
      extendBodyDeadline(http.getRequest<Request>(), http.getResponse<Response>(), this.bodyTimeoutMs);
      try {
        return await this.multer.intercept(context, next);
      } catch (error) {
        throw this.explain(error);
      }
    }

    private explain(error: unknown): unknown {
      if (!(error instanceof HttpException)) return error;
      const { code, field } = multerCause(error);
      switch (code) {
        case 'LIMIT_FILE_SIZE':
          return new DomainError('PAYLOAD_TOO_LARGE', `Each file may be at most ${megabytes(this.maxFileBytes)}`, {
            errors: [{ field: fieldName, message: `each file may be at most ${megabytes(this.maxFileBytes)}` }],
          });
        case 'LIMIT_FILE_COUNT':
        case 'LIMIT_PART_COUNT':
          return tooMany(fieldName, this.maxFiles);
        case 'LIMIT_UNEXPECTED_FILE':
          // multer reports the file after the last one `array()` accepts as "unexpected" too.
          return field === fieldName
            ? tooMany(fieldName, this.maxFiles)
            : new DomainError('VALIDATION_FAILED', `Unexpected file field "${field ?? ''}"; send files as "${fieldName}"`, {
                errors: [{ field: field ?? fieldName, message: `is not an accepted file field; use "${fieldName}"` }],
              });
        default:
          return error;
      }
    }
  }
  return mixin(UploadFiles);
}

function tooMany(fieldName: string, max: number): DomainError {
  const message = `may hold at most ${max} files per request`;
  return new DomainError('VALIDATION_FAILED', `${fieldName} ${message}`, { errors: [{ field: fieldName, message }] });
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** Nest keeps multer's error as the cause; its `code` and `field` say which limit was hit. */
function multerCause(error: HttpException): { code?: string; field?: string } {
  const cause = error.cause;
  if (typeof cause !== 'object' || cause === null) return {};
  const { code, field } = cause as { code?: unknown; field?: unknown };
  return { code: typeof code === 'string' ? code : undefined, field: typeof field === 'string' ? field : undefined };
}
