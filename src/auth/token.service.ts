import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { EntityManager, IsNull } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { InvalidRefreshToken, InvalidToken } from './auth.errors.js';
import { AuthSession } from './auth-session.entity.js';
import { RefreshToken } from './refresh-token.entity.js';
import type { SessionClaims } from './session-rules.js';
import { User } from './user.entity.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

interface AccessClaims {
  sub: string;
  /** The session (auth_session id, the refresh-token family) the token belongs to. */
  sid: string;
  typ: 'access';
  iat?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Short-lived JWT access tokens and rotating opaque refresh tokens (`<id>.<secret>`, only a hash
 * of the secret stored). Refresh-token writes take the caller's transaction.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Checks signature, issuer, expiry and type. A token without a session id was issued before
   * sessions were tracked (at most JWT_ACCESS_TTL_SECONDS before the deploy): it cannot be tied to
   * a session that logout could end, so it is refused and the client refreshes.
   */
  async verifyAccessToken(token: string): Promise<SessionClaims> {
    let claims: Partial<AccessClaims>;
    try {
      claims = await this.jwt.verifyAsync<Partial<AccessClaims>>(token, { algorithms: ['HS256'] });
    } catch {
      throw new InvalidToken();
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || typeof claims.iat !== 'number') throw new InvalidToken();
    if (claims.sid === undefined) throw new InvalidToken('This access token predates session tracking; get a new one at /auth/refresh or sign in again');
    if (typeof claims.sid !== 'string' || !UUID.test(claims.sid)) throw new InvalidToken();
    return { userId: claims.sub, sessionId: claims.sid, issuedAt: claims.iat };
  }

  /** A new token pair: in the given session (a refresh), or in a new one (a sign-in). */
  async issue(em: EntityManager, user: User, sessionId?: string): Promise<TokenPair> {
    const familyId = sessionId ?? randomUUID();
    if (sessionId === undefined) await em.insert(AuthSession, { id: familyId, userId: user.id });
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.refreshTokenTtlDays * 86_400_000);
    const inserted = await em.insert(RefreshToken, { userId: user.id, familyId, secretHash: sha256(secret), expiresAt });
    const id = String((inserted.identifiers[0] as { id: string }).id);
    const claims: AccessClaims = { sub: user.id, sid: familyId, typ: 'access' };
    const accessToken = await this.jwt.signAsync(claims, {
      algorithm: 'HS256',
      expiresIn: this.config.jwtAccessTtlSeconds,
      jwtid: randomUUID(),
    });
    return { accessToken, refreshToken: `${id}.${secret}`, expiresIn: this.config.jwtAccessTtlSeconds };
  }

  /**
   * Marks the presented token used and returns its row. A token presented a second time means
   * it was copied: the whole family is revoked (the caller commits that, then refuses).
   */
  async consume(em: EntityManager, presented: string): Promise<{ token: RefreshToken } | { reused: true; sessionId: string }> {
    const token = await this.findLocked(em, presented);
    if (token.revokedAt || token.expiresAt.getTime() <= Date.now()) throw new InvalidRefreshToken();
    if (token.usedAt) {
      await this.revokeFamily(em, token.familyId);
      return { reused: true, sessionId: token.familyId };
    }
    await em.update(RefreshToken, { id: token.id }, { usedAt: new Date() });
    return { token };
  }

  /**
   * Ends the presented token's session; returns its id, or null for an unknown token (logout
   * always succeeds).
   */
  async revokePresented(em: EntityManager, presented: string): Promise<string | null> {
    const token = await this.findLocked(em, presented).catch(() => null);
    if (!token) return null;
    await this.revokeFamily(em, token.familyId);
    return token.familyId;
  }

  /** Signs a user out everywhere: refresh and access tokens of every session stop working. */
  async revokeAllForUser(em: EntityManager, userId: string): Promise<void> {
    const now = new Date();
    await em.update(AuthSession, { userId, revokedAt: IsNull() }, { revokedAt: now });
    await em.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: now });
    await em.update(User, { id: userId }, { sessionsRevokedAt: now });
  }

  /** Ends one session: its refresh tokens and (on their next request) its access tokens. */
  private async revokeFamily(em: EntityManager, familyId: string): Promise<void> {
    const now = new Date();
    await em.update(AuthSession, { id: familyId, revokedAt: IsNull() }, { revokedAt: now });
    await em.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: now });
  }

  private async findLocked(em: EntityManager, presented: string): Promise<RefreshToken> {
    const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/.exec(presented);
    if (!match) throw new InvalidRefreshToken();
    const [, id, secret] = match as unknown as [string, string, string];
    const token = await em.findOne(RefreshToken, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!token || !sameHash(token.secretHash, sha256(secret))) throw new InvalidRefreshToken();
    return token;
  }
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
