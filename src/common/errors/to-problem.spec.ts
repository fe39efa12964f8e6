import { BadRequestException, InternalServerErrorException, NotFoundException, PayloadTooLargeException, ServiceUnavailableException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DATABASE_RETRY_AFTER_SECONDS } from '../../database/database-unavailable';
import { DomainError } from './domain-error';
import { ERROR_STATUS, ErrorCode } from './error-code';
import { toProblem } from './to-problem';

describe('toProblem', () => {
  it.each(Object.entries(ERROR_STATUS) as [ErrorCode, number][])('maps domain code %s to HTTP %i', (code, status) => {
    const { problem } = toProblem(new DomainError(code, 'detail'));
    expect(problem).toMatchObject({ code, status, detail: 'detail' });
    expect(problem.type).toMatch(/^https:\/\//);
    expect(problem.title.length).toBeGreaterThan(0);
  });

  it('keeps field errors and retry hints', () => {
    const result = toProblem(
      new DomainError('RATE_LIMITED', 'slow down', { errors: [{ field: 'email', message: 'x' }], retryAfterSeconds: 30 }),
    );
    expect(result.problem.errors).toEqual([{ field: 'email', message: 'x' }]);
    expect(result.retryAfterSeconds).toBe(30);
    expect(result.unexpected).toBe(false);
  });

  it('lists at most 20 field errors and counts the rest, whatever the error carried', () => {
    const errors = Array.from({ length: 75_000 }, (_, i) => ({ field: `k${i}`, message: 'is not an accepted field' }));
    const { problem } = toProblem(new DomainError('VALIDATION_FAILED', 'many', { errors }));
    expect(problem.errors).toEqual(errors.slice(0, 20));
    expect(problem.moreErrors).toBe(74_980);
    expect(toProblem(new DomainError('VALIDATION_FAILED', 'few', { errors: errors.slice(0, 20) })).problem.moreErrors).toBeUndefined();
  });

  it('cuts echoed client text (field names, messages, detail) to a bounded length', () => {
    const key = 'k'.repeat(60_000);
    const { problem } = toProblem(new DomainError('VALIDATION_FAILED', `${key}: is not an accepted field`, { errors: [{ field: key, message: key }] }));
    expect(problem.errors?.[0]?.field).toHaveLength(120);
    expect(problem.errors?.[0]?.message).toHaveLength(300);
    expect(problem.detail).toHaveLength(2000);
    expect(problem.detail.endsWith('…')).toBe(true);
    expect(toProblem(new NotFoundException(`Cannot GET /${key}`)).problem.detail.length).toBeLessThanOrEqual(2000);
  });

  it('maps Nest HTTP exceptions by status', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x')).problem).toMatchObject({ code: 'NOT_FOUND', status: 404, detail: 'Cannot GET /x' });
    expect(toProblem(new PayloadTooLargeException()).problem.code).toBe('PAYLOAD_TOO_LARGE');
    expect(toProblem(new BadRequestException(['a', 'b'])).problem).toMatchObject({ code: 'VALIDATION_FAILED', detail: 'a; b' });
  });

  it('maps body-parser failures to client errors', () => {
    const parse = Object.assign(new SyntaxError('Unexpected token'), { type: 'entity.parse.failed', status: 400 });
    expect(toProblem(parse).problem).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    const large = Object.assign(new Error('too large'), { type: 'entity.too.large', status: 413, limit: 100 });
    expect(toProblem(large).problem).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
    const charset = Object.assign(new Error('charset'), { type: 'charset.unsupported', status: 415 });
    expect(toProblem(charset).problem).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 });
  });

  it('turns a unique-constraint race into 409 and anything else into a logged 500 without internals', () => {
    const unique = new QueryFailedError('INSERT', [], Object.assign(new Error('duplicate key'), { code: '23505' }));
    expect(toProblem(unique).problem).toMatchObject({ code: 'CONFLICT', status: 409 });
    const crash = toProblem(new TypeError('cannot read x of undefined'));
    expect(crash.problem).toMatchObject({ code: 'INTERNAL', status: 500 });
    expect(crash.problem.detail).not.toMatch(/cannot read/);
    expect(crash.unexpected).toBe(true);
  });

  it('turns a database that is gone into 503 with Retry-After, logged as a short cause rather than a bug', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const shutDown = new QueryFailedError('SELECT 1', [], Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
    const poolTimeout = new Error('timeout exceeded when trying to connect');
    for (const error of [refused, shutDown, poolTimeout]) {
      const result = toProblem(error);
      expect(result.problem).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
      expect(result.problem.detail).toMatch(/Retry-After/);
      expect(result.retryAfterSeconds).toBe(DATABASE_RETRY_AFTER_SECONDS);
      expect(result.unexpected).toBe(false);
      expect(result.outage?.message).toBe(error instanceof QueryFailedError ? 'terminating connection due to administrator command' : error.message);
    }
  });

  it('takes a deliberate 503 (readiness) as an answer, and other 5xx exceptions as bugs', () => {
    expect(toProblem(new ServiceUnavailableException()).unexpected).toBe(false);
    expect(toProblem(new InternalServerErrorException()).unexpected).toBe(true);
  });
});
