import { sessionRefusal, SessionClaims, SessionState } from './session-rules';

describe('sessionRefusal', () => {
  const userId = '6f1c1f5e-2f57-4d8e-9d0e-9b7f3f7c1a11';
  const claims: SessionClaims = { userId, sessionId: 'a7a0c3f2-5d1e-4c55-8f3f-0c7e7b1d2e33', issuedAt: 1_800_000_000 };
  const live: SessionState = {
    userId,
    revokedAt: null,
    userActive: true,
    sessionsRevokedAt: null,
    user: { id: userId, email: 'a@example.test', name: 'A', role: 'SUPERADMIN', kanwilId: null, facilityId: null },
  };

  it('lets a live session of an active admin in', () => {
    expect(sessionRefusal(live, claims)).toBeNull();
    // Everything ended before this token was issued does not concern it.
    expect(sessionRefusal({ ...live, sessionsRevokedAt: new Date((claims.issuedAt - 1) * 1000) }, claims)).toBeNull();
  });

  it('refuses a session that does not exist or belongs to someone else', () => {
    expect(sessionRefusal(null, claims)).toMatch(/invalid or expired/);
    expect(sessionRefusal({ ...live, userId: 'c0ffee00-0000-4000-8000-000000000000' }, claims)).toMatch(/invalid or expired/);
  });

  it('refuses a signed-out session and says to sign in again', () => {
    expect(sessionRefusal({ ...live, revokedAt: new Date() }, claims)).toMatch(/signed out; sign in again/);
  });

  it('refuses a deactivated admin and says who can help', () => {
    expect(sessionRefusal({ ...live, userActive: false }, claims)).toMatch(/deactivated; ask an administrator/);
  });

  it('refuses a token issued before all sessions were ended', () => {
    expect(sessionRefusal({ ...live, sessionsRevokedAt: new Date((claims.issuedAt + 1) * 1000) }, claims)).toMatch(/signed out/);
  });
});
