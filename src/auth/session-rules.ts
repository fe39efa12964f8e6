import type { AuthUser } from './auth-user.js';

/** What the database says about a session and its admin, as one request needs it. */
export interface SessionState {
  userId: string;
  revokedAt: Date | null;
  userActive: boolean;
  /** When all of the admin's sessions were last ended at once. */
  sessionsRevokedAt: Date | null;
  user: AuthUser;
}

/** The claims of a verified access token that the session check uses. */
export interface SessionClaims {
  userId: string;
  sessionId: string;
  /** Seconds since the epoch, as JWT counts. */
  issuedAt: number;
}

/**
 * Why a token's session no longer lets it in, or null when it does. `state` null: no such
 * session (its admin was deleted). Each reason tells the client what to do next.
 */
export function sessionRefusal(state: SessionState | null, claims: SessionClaims): string | null {
  if (!state || state.userId !== claims.userId) return 'The access token is missing, invalid or expired';
  if (!state.userActive) return 'This account is deactivated; ask an administrator to reactivate it';
  if (state.revokedAt) return 'This session was signed out; sign in again';
  // JWT times are whole seconds: a token from the very second of the revocation still passes
  // this one (its session was revoked in the same transaction, which the check above catches).
  if (state.sessionsRevokedAt && claims.issuedAt < Math.floor(state.sessionsRevokedAt.getTime() / 1000)) {
    return 'This session was signed out; sign in again';
  }
  return null;
}
