import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { runSql } from '../database/sql-query.js';
import type { AuthUser } from './auth-user.js';
import { InvalidToken } from './auth.errors.js';
import type { Role } from './role.js';
import { SessionCache } from './session-cache.js';
import { sessionRefusal, type SessionClaims, type SessionState } from './session-rules.js';

interface SessionRow {
  user_id: string;
  revoked_at: Date | null;
  email: string;
  name: string;
  role: Role;
  kanwil_id: string | null;
  facility_id: string | null;
  active: boolean;
  sessions_revoked_at: Date | null;
}

/** Sessions a process remembers at most; each entry is a few hundred bytes. */
const MAX_CACHED_SESSIONS = 10_000;

/**
 * Checks on every authenticated request that the access token's session is still live: not
 * signed out, its admin active, not ended by a password change. One prepared primary-key lookup
 * (session joined to its admin, which the request needs anyway), remembered in this process for
 * at most AUTH_SESSION_CACHE_SECONDS. A revocation made in this process forgets its entries at
 * once; other processes see it within that bound.
 */
@Injectable()
export class ActiveSessions {
  private readonly cache: SessionCache<SessionState | null>;

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.cache = new SessionCache(config.authSessionCacheSeconds * 1000, MAX_CACHED_SESSIONS);
  }

  /** The admin behind a verified access token; 401 when its session no longer lets it in. */
  async resolve(claims: SessionClaims): Promise<AuthUser> {
    let state = this.cache.get(claims.sessionId);
    if (state === undefined) {
      state = await this.load(claims.sessionId);
      this.cache.set(claims.sessionId, state);
    }
    const refusal = sessionRefusal(state, claims);
    if (refusal !== null || !state) throw new InvalidToken(refusal ?? undefined);
    return state.user;
  }

  /** Call after the transaction that revoked the session has committed. */
  forgetSession(sessionId: string): void {
    this.cache.delete(sessionId);
  }

  /** Call after the transaction that ended every session of the admin has committed. */
  forgetUser(userId: string): void {
    this.cache.deleteWhere((state) => state?.userId === userId);
  }

  private async load(sessionId: string): Promise<SessionState | null> {
    // On the primary: a session revoked a moment ago must already be refused.
    const [row] = await runSql<SessionRow>(
      this.dataSource,
      {
        text: `SELECT s.user_id, s.revoked_at, u.email, u.name, u.role, u.kanwil_id, u.facility_id, u.active, u.sessions_revoked_at
                 FROM auth_session s JOIN app_user u ON u.id = s.user_id
                WHERE s.id = $1`,
        values: [sessionId],
      },
      { prepare: true, primary: true },
    );
    if (!row) return null;
    return {
      userId: row.user_id,
      revokedAt: row.revoked_at,
      userActive: row.active,
      sessionsRevokedAt: row.sessions_revoked_at,
      user: { id: row.user_id, email: row.email, name: row.name, role: row.role, kanwilId: row.kanwil_id, facilityId: row.facility_id },
    };
  }
}
