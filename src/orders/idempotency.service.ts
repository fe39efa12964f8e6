import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { AnswerSealer } from './answer-sealer.js';
import type { CheckoutClient } from './checkout-limits.service.js';
import { ClientHasher } from './client-identity.js';
import type { IdempotencyRef } from './order-token.js';
import { IdempotencyKeyInProgress, IdempotencyKeyReused, InvalidIdempotencyKey } from './orders.errors.js';

const KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;
const RETENTION_HOURS = 24;

export interface IdempotentRequest extends IdempotencyRef {
  method: string;
  path: string;
  body: unknown;
}

/**
 * A fresh key the request may now use; or a key already bound to the order it created, with the
 * first successful answer (JSON, its access token blanked) once one was given and kept.
 */
export type IdempotencyClaim = { kind: 'claimed' } | { kind: 'bound'; orderId: string; firstAnswer?: string };

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
 * Idempotency-Key for checkout (API.md). Keys belong to their requester: a partner (all its API
 * keys), or an anonymous client by a keyed hash of its network address (the same identity the
 * checkout limits count), so the same key from someone else is simply another key. The first
 * request claims the key before doing the work; the order's own transaction binds the key to the
 * order (`bind`), so once the order is committed the key answers with it, whatever failed after.
 * Each other step is its own short statement, so a claim is visible to concurrent duplicates at
 * once. The first successful answer is kept, sealed and without the access token (which is derived
 * again), so a replay is that answer byte for byte; no secret is stored in plaintext.
 */
@Injectable()
export class IdempotencyService {
  private readonly hasher: ClientHasher;
  private readonly sealer: AnswerSealer;

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.hasher = new ClientHasher(config.jwtSecret);
    this.sealer = new AnswerSealer(config.jwtSecret);
  }

  /**
   * `partner:<id>`, or `anon:<hash>` of the client's address (an IPv6 /64 counts as one). Two
   * anonymous clients behind one address who pick the same key and send the same body (the same
   * customer's name, e-mail, phone and address) cannot be told apart; keys should be random.
   */
  scopeOf(client: CheckoutClient): string {
    return client.partner ? `partner:${client.partner.partnerId}` : `anon:${this.hasher.ipHash(client.ip)}`;
  }

  async claim(request: IdempotentRequest): Promise<IdempotencyClaim> {
    const hash = requestHash(request);
    // Inserts a fresh claim, or takes over an expired record; returns nothing when a live one exists.
    const claimed = await this.dataSource.query<{ key: string }[]>(
      `INSERT INTO idempotency_record (scope, key, request_hash, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(hours => $4))
       ON CONFLICT (scope, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, order_id = NULL, response_sealed = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
         WHERE idempotency_record.expires_at <= now()
       RETURNING key`,
      [request.scope, request.key, hash, RETENTION_HOURS],
    );
    if (claimed.length > 0) return { kind: 'claimed' };

    const [existing] = await this.dataSource.query<{ request_hash: string; order_id: string | null; response_sealed: string | null }[]>(
      'SELECT request_hash, order_id, response_sealed FROM idempotency_record WHERE scope = $1 AND key = $2 AND expires_at > now()',
      [request.scope, request.key],
    );
    // Released (failed) or expired between the two statements: the caller may simply retry.
    if (!existing) throw new IdempotencyKeyInProgress();
    if (existing.request_hash !== hash) throw new IdempotencyKeyReused();
    if (existing.order_id === null) throw new IdempotencyKeyInProgress();
    if (existing.response_sealed === null) return { kind: 'bound', orderId: existing.order_id };
    const firstAnswer = this.sealer.open(existing.response_sealed, sealedFor(request));
    if (firstAnswer !== undefined) return { kind: 'bound', orderId: existing.order_id, firstAnswer };
    // It no longer opens (the app secret changed): forget it, so the answer rebuilt from the order is kept instead.
    await this.dataSource.query('UPDATE idempotency_record SET response_sealed = NULL WHERE scope = $1 AND key = $2 AND response_sealed = $3', [
      request.scope,
      request.key,
      existing.response_sealed,
    ]);
    return { kind: 'bound', orderId: existing.order_id };
  }

  /**
   * Keeps the first successful answer of a bound key (JSON with the access token blanked), sealed.
   * Parallel replays that each rebuilt the answer keep only the first of theirs.
   */
  async keepAnswer(ref: IdempotencyRef, answer: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE idempotency_record SET response_sealed = $3 WHERE scope = $1 AND key = $2 AND order_id IS NOT NULL AND response_sealed IS NULL',
      [ref.scope, ref.key, this.sealer.seal(answer, sealedFor(ref))],
    );
  }

  /** In the order's transaction: the key now answers with this order. */
  async bind(em: EntityManager, ref: IdempotencyRef, orderId: string): Promise<void> {
    const [rows] = await em.query<[{ key: string }[], number]>(
      'UPDATE idempotency_record SET order_id = $3 WHERE scope = $1 AND key = $2 AND order_id IS NULL RETURNING key',
      [ref.scope, ref.key, orderId],
    );
    // The claim is gone (it expired meanwhile): roll the order back rather than leave the key unbound.
    if (rows.length === 0) throw new IdempotencyKeyInProgress();
  }

  /** The work failed before an order was committed: forget the key so the client may retry with it. */
  async release(ref: IdempotencyRef): Promise<void> {
    await this.dataSource.query('DELETE FROM idempotency_record WHERE scope = $1 AND key = $2 AND order_id IS NULL', [ref.scope, ref.key]);
  }
}

/** What a sealed answer is bound to: its record, so it never opens for another requester or key. */
function sealedFor(ref: IdempotencyRef): string {
  return `${ref.scope}\n${ref.key}`;
}
