import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runSql } from '../database/sql-query.js';
import type { PartnerCaller, PartnerScope } from '../auth/partner-caller.js';
import { parseApiKey, secretMatches } from './api-key-secret.js';
import { ApiKeyExpired, ApiKeyInvalid, ApiKeyRevoked } from './partner.errors.js';

interface KeyRow {
  id: string;
  partner_id: string;
  secret_hash: string;
  scopes: PartnerScope[];
  expires_at: Date | null;
  revoked_at: Date | null;
  partner_active: boolean;
  rate_limit_per_minute: number;
  stale: boolean;
}

/**
 * Turns an `X-Api-Key` into the partner behind it, on every request, straight from the database:
 * a revoked key or deactivated partner stops working on the very next request, in every process.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly logger = new Logger('ApiKeys');

  constructor(private readonly dataSource: DataSource) {}

  async authenticate(rawKey: string): Promise<PartnerCaller> {
    const parsed = parseApiKey(rawKey);
    if (!parsed) throw new ApiKeyInvalid();
    // On the primary, not a replica: a key revoked a moment ago must already fail.
    const [row] = await runSql<KeyRow>(
      this.dataSource,
      {
        text: `SELECT k.id, k.partner_id, k.secret_hash, k.scopes::text[] AS scopes, k.expires_at, k.revoked_at,
              p.active AS partner_active, p.rate_limit_per_minute,
              (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute') AS stale
         FROM api_key k JOIN partner p ON p.id = k.partner_id
        WHERE k.prefix = $1`,
        values: [parsed.prefix],
      },
      { prepare: true, primary: true },
    );
    if (!row || !secretMatches(parsed.secret, row.secret_hash)) throw new ApiKeyInvalid();
    if (row.revoked_at !== null || !row.partner_active) throw new ApiKeyRevoked();
    if (row.expires_at !== null && row.expires_at.getTime() <= Date.now()) throw new ApiKeyExpired(row.expires_at);
    // Last use is kept to the minute: one write a minute per key, not one per request.
    if (row.stale) {
      this.dataSource
        .query('UPDATE api_key SET last_used_at = now() WHERE id = $1', [row.id])
        .catch((error: unknown) => this.logger.warn({ err: error, keyId: row.id }, 'Could not record API key use'));
    }
    return { partnerId: row.partner_id, keyId: row.id, scopes: row.scopes, rateLimitPerMinute: row.rate_limit_per_minute };
  }
}
