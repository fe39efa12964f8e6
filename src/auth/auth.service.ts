import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { ActiveSessions } from './active-sessions.service.js';
import type { AuthUser } from './auth-user.js';
import { InvalidCredentials, InvalidRefreshToken, InvalidToken } from './auth.errors.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { PasswordHasher } from './password-hasher.js';
import { TokenPair, TokenService } from './token.service.js';
import { User } from './user.entity.js';
import { toAuthUser } from './auth-user.mapper.js';

export interface Session extends TokenPair {
  user: AuthUser;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly passwords: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottleService,
    private readonly sessions: ActiveSessions,
  ) {}

  /** Reserves the attempt under the throttle first: only then is the password checked. */
  async login(rawEmail: string, password: string, ip: string): Promise<Session> {
    const email = normaliseEmail(rawEmail);
    await this.throttle.reserve(email, ip);
    const user = await this.checkCredentials(email, password).catch(async (error: unknown) => {
      await this.throttle.release(email, ip);
      throw error;
    });
    if (!user) {
      await this.throttle.recordFailure(email, ip);
      throw new InvalidCredentials();
    }
    await this.throttle.recordSuccess(email, ip);
    return this.dataSource.transaction(async (em) => {
      await em.update(User, { id: user.id }, { lastLoginAt: new Date() });
      return { ...(await this.tokens.issue(em, user)), user: toAuthUser(user) };
    });
  }

  async refresh(presented: string): Promise<Session> {
    const outcome = await this.dataSource.transaction(async (em) => {
      const consumed = await this.tokens.consume(em, presented);
      if ('reused' in consumed) return consumed;
      const user = await em.findOneBy(User, { id: consumed.token.userId });
      if (!user || !user.active) throw new InvalidRefreshToken();
      return { session: { ...(await this.tokens.issue(em, user, consumed.token.familyId)), user: toAuthUser(user) } };
    });
    // Thrown only after the session's revocation has committed.
    if ('reused' in outcome) {
      this.sessions.forgetSession(outcome.sessionId);
      throw new InvalidRefreshToken('This refresh token was already used; every session from it is now signed out');
    }
    return outcome.session;
  }

  async logout(presented: string): Promise<void> {
    const sessionId = await this.dataSource.transaction((em) => this.tokens.revokePresented(em, presented));
    if (sessionId) this.sessions.forgetSession(sessionId);
  }

  /** Resolves a bearer token to the admin behind it, if the token's session is still live. */
  async authenticate(accessToken: string): Promise<AuthUser> {
    return this.sessions.resolve(await this.tokens.verifyAccessToken(accessToken));
  }

  /**
   * The admin behind an `Authorization: Bearer <token>` header (the guard's check, and catalog
   * mirroring's); `missing` tells the client what to send when there is no bearer token at all.
   */
  async authenticateHeader(authorization: string | undefined, missing: string): Promise<AuthUser> {
    const token = bearerToken(authorization);
    if (!token) throw new InvalidToken(missing);
    return this.authenticate(token);
  }

  /** The account, or null when the email is unknown, the password wrong or the account inactive. */
  private async checkCredentials(email: string, password: string): Promise<User | null> {
    const user = await this.users.findOneBy({ email });
    const valid = await this.passwords.verify(user?.passwordHash ?? null, password);
    return user && valid && user.active ? user : null;
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
