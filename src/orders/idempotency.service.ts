import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IdempotencyKeyInProgress, IdempotencyKeyReused, InvalidIdempotencyKey } from './orders.errors.js';

const KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;
const RETENTION_HOURS = 24;

export interface IdempotentRequest {
  /** `anon`, or `partner:<id>` once partners exist: keys of different callers never collide. */
  scope: string;
  key: string;
  method: string;
  path: string;
  body: unknown;
}

export type IdempotencyClaim =
  | { kind: 'claimed'; scope: string; key: string }
  | { kind: 'replay'; status: number; body: Record<string, unknown> };

/** The key as sent, or an error when it is not 1..255 printable ASCII characters. */
export function parseIdempotencyKey(raw: string | string[] | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !KEY_PATTERN.test(raw)) throw new InvalidIdempotencyKey();
  return raw;
}

/** JSON with object keys sorted at every level, so the same body always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestHash(request: Pick<IdempotentRequest, 'method' | 'path' | 'body'>): string {
  return createHash('sha256').update(`${request.method.toUpperCase()} ${request.path}\n${canonicalJson(request.body)}`).digest('hex');
}

/**
 * Idempotency-Key for creating POSTs (API.md): the first request claims the key before doing the
 * work, the same key and body later replay the stored response for 24 h, another body is refused.
 * Each step is its own short statement, never part of the work's transaction, so a claim is
 * visible to concurrent duplicates at once.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly dataSource: DataSource) {}

  async claim(request: IdempotentRequest): Promise<IdempotencyClaim> {
    const hash = requestHash(request);
    // Inserts a fresh claim, or takes over an expired record; returns nothing when a live one exists.
    const claimed = await this.dataSource.query<{ key: string }[]>(
      `INSERT INTO idempotency_record (scope, key, request_hash, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(hours => $4))
       ON CONFLICT (scope, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, response_status = NULL, response_body = NULL,
             created_at = now(), expires_at = EXCLUDED.expires_at
         WHERE idempotency_record.expires_at <= now()
       RETURNING key`,
      [request.scope, request.key, hash, RETENTION_HOURS],
    );
    if (claimed.length > 0) return { kind: 'claimed', scope: request.scope, key: request.key };

    const [existing] = await this.dataSource.query<{ request_hash: string; response_status: number | null; response_body: Record<string, unknown> | null }[]>(
      'SELECT request_hash, response_status, response_body FROM idempotency_record WHERE scope = $1 AND key = $2 AND expires_at > now()',
      [request.scope, request.key],
    );
    // Released (failed) or expired between the two statements: the caller may simply retry.
    if (!existing) throw new IdempotencyKeyInProgress();
    if (existing.request_hash !== hash) throw new IdempotencyKeyReused();
    if (existing.response_status === null || existing.response_body === null) throw new IdempotencyKeyInProgress();
    return { kind: 'replay', status: existing.response_status, body: existing.response_body };
  }

  async complete(claim: { scope: string; key: string }, status: number, body: Record<string, unknown>): Promise<void> {
    await this.dataSource.query('UPDATE idempotency_record SET response_status = $3, response_body = $4 WHERE scope = $1 AND key = $2', [
      claim.scope,
      claim.key,
      status,
      JSON.stringify(body),
    ]);
  }

  /** The work failed: forget the key so the client may retry with it. */
  async release(claim: { scope: string; key: string }): Promise<void> {
    await this.dataSource.query('DELETE FROM idempotency_record WHERE scope = $1 AND key = $2 AND response_status IS NULL', [claim.scope, claim.key]);
  }
}
