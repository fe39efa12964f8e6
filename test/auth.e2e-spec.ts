import jwt from 'jsonwebtoken';
import request, { Response, Test } from 'supertest';
import { Facility } from '../src/facilities/facility.entity';
import { kanwilId, login, makeFacility, makeUser, MadeUser, signedInAs, TEST_PASSWORD } from './support/factories';
import { startTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';

interface MeBody {
  id: string;
  email: string;
  name: string;
  role: string;
  kanwilId?: string;
  facilityId?: string;
}

interface SessionBody {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: MeBody;
}

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
}

const ACCOUNT_LIMIT = 3;
const IP_LIMIT = 5;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('authentication', () => {
  let t: TestApp;
  let facility: Facility;
  let kalsel: string;

  beforeAll(async () => {
    // Small limits so throttling is reachable in a few requests; the account limit sits below the
    // IP limit so the two can be told apart.
    t = await startTestApp({
      LOGIN_MAX_FAILURES_PER_ACCOUNT: String(ACCOUNT_LIMIT),
      LOGIN_MAX_FAILURES_PER_IP: String(IP_LIMIT),
    });
    kalsel = await kanwilId(t.dataSource, 'kalsel');
    facility = await makeFacility(t.dataSource);
  });
  afterAll(() => t.close());

  // Every request here comes from the same loopback address; each test starts with clean counters
  // so that one test's failures do not throttle the next.
  beforeEach(async () => {
    await t.dataSource.query('DELETE FROM attempt_counter');
  });

  const attempt = (email: string, password: string): Test =>
    request(t.http).post('/api/v1/auth/login').send({ email, password });
  const me = (token: string): Test => request(t.http).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
  const refresh = (refreshToken: unknown): Test => request(t.http).post('/api/v1/auth/refresh').send({ refreshToken });
  const logout = (refreshToken: unknown): Test => request(t.http).post('/api/v1/auth/logout').send({ refreshToken });

  function problem(response: Response, status: number, code: string): ProblemBody {
    const body = response.body as ProblemBody;
    expect({ httpStatus: response.status, status: body.status, code: body.code }).toEqual({ httpStatus: status, status, code });
    expect(response.get('Content-Type')).toMatch(/^application\/problem\+json/);
    return body;
  }

  /** Signs claims the way the app does; `sid` must name a real session for the token to pass. */
  function forgeAccessToken(sub: string, sid: string, options: { secret?: string; expiresIn?: number; issuer?: string; typ?: string } = {}): string {
    return jwt.sign({ sub, sid, typ: options.typ ?? 'access' }, options.secret ?? TEST_JWT_SECRET, {
      algorithm: 'HS256',
      issuer: options.issuer ?? 'etalase',
      expiresIn: options.expiresIn ?? 300,
    });
  }

  describe('login', () => {
    it('returns a token pair and the admin (superadmin: no scope fields)', async () => {
      const admin = await makeUser(t.dataSource, 'SUPERADMIN');
      const response = await attempt(admin.email, TEST_PASSWORD).expect(200);
      const body = response.body as SessionBody;
      expect(Object.keys(body).sort()).toEqual(['accessToken', 'expiresIn', 'refreshToken', 'user']);
      expect(body.accessToken.split('.')).toHaveLength(3);
      expect(body.refreshToken).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
      expect(body.expiresIn).toBe(900);
      expect(body.user).toEqual({ id: admin.user.id, email: admin.email, name: admin.user.name, role: 'SUPERADMIN' });
      expect(response.get('Cache-Control')).toBe('no-store');
    });

    it('carries kanwilId for a regional admin and kanwilId plus facilityId for a facility admin', async () => {
      const regional = await makeUser(t.dataSource, 'REGIONAL_ADMIN', { kanwilId: kalsel });
      const regionalSession = (await attempt(regional.email, TEST_PASSWORD).expect(200)).body as SessionBody;
      expect(regionalSession.user).toEqual({
        id: regional.user.id,
        email: regional.email,
        name: regional.user.name,
        role: 'REGIONAL_ADMIN',
        kanwilId: kalsel,
      });

      const facilityAdmin = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility });
      const facilitySession = (await attempt(facilityAdmin.email, TEST_PASSWORD).expect(200)).body as SessionBody;
      expect(facilitySession.user).toEqual({
        id: facilityAdmin.user.id,
        email: facilityAdmin.email,
        name: facilityAdmin.user.name,
        role: 'FACILITY_ADMIN',
        kanwilId: facility.kanwilId,
        facilityId: facility.id,
      });
    });

    it('treats the email case-insensitively', async () => {
      const admin = await makeUser(t.dataSource, 'SUPERADMIN');
      const body = (await attempt(admin.email.toUpperCase(), TEST_PASSWORD).expect(200)).body as SessionBody;
      expect(body.user.id).toBe(admin.user.id);
      expect(body.user.email).toBe(admin.email);
    });

    it('answers a wrong password and an unknown email with the same 401', async () => {
      const admin = await makeUser(t.dataSource, 'SUPERADMIN');
      const wrongPassword = problem(await attempt(admin.email, 'not-the-password'), 401, 'UNAUTHENTICATED');
      const unknownEmail = problem(await attempt('nobody-here@example.test', TEST_PASSWORD), 401, 'UNAUTHENTICATED');
      const strip = ({ requestId: _r, ...rest }: ProblemBody): Omit<ProblemBody, 'requestId'> => rest;
      expect(strip(unknownEmail)).toEqual(strip(wrongPassword));
      expect(wrongPassword.detail).toBe('Email or password is incorrect');
    });

    it('refuses an inactive account with the same 401, even with the right password', async () => {
      const inactive = await makeUser(t.dataSource, 'SUPERADMIN', {}, { active: false });
      const body = problem(await attempt(inactive.email, TEST_PASSWORD), 401, 'UNAUTHENTICATED');
      expect(body.detail).toBe('Email or password is incorrect');
    });

    it('validates the body: missing fields, a non-email and unknown fields are 400', async () => {
      const missing = problem(await request(t.http).post('/api/v1/auth/login').send({ email: 'a@example.test' }), 400, 'VALIDATION_FAILED');
      expect(missing.errors?.map((e) => e.field)).toContain('password');
      const notEmail = problem(await attempt('not-an-email', TEST_PASSWORD), 400, 'VALIDATION_FAILED');
      expect(notEmail.errors?.map((e) => e.field)).toEqual(['email']);
      const extra = problem(
        await request(t.http).post('/api/v1/auth/login').send({ email: 'a@example.test', password: 'x', remember: true }),
        400,
        'VALIDATION_FAILED',
      );
      expect(extra.errors).toEqual([{ field: 'remember', message: 'is not an accepted field' }]);
      problem(await request(t.http).post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email":'), 400, 'VALIDATION_FAILED');
    });
  });

  describe('login throttling', () => {
    it(`locks an account after ${ACCOUNT_LIMIT} failures, right password or not, while other accounts still sign in`, async () => {
      const victim = await makeUser(t.dataSource, 'SUPERADMIN');
      const bystander = await makeUser(t.dataSource, 'SUPERADMIN');
      for (let i = 0; i < ACCOUNT_LIMIT; i += 1) {
        problem(await attempt(victim.email, `wrong-${i}`), 401, 'UNAUTHENTICATED');
      }
      const locked = await attempt(victim.email, TEST_PASSWORD);
      problem(locked, 429, 'RATE_LIMITED');
      const retryAfter = Number(locked.get('Retry-After'));
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 900).toBe(true);
      // The account key is the normalised email: changing its case does not get around the lock.
      problem(await attempt(victim.email.toUpperCase(), TEST_PASSWORD), 429, 'RATE_LIMITED');

      await attempt(bystander.email, TEST_PASSWORD).expect(200);
    });

    it(`blocks an IP after ${IP_LIMIT} failures across accounts, for every account`, async () => {
      const a = await makeUser(t.dataSource, 'SUPERADMIN');
      const b = await makeUser(t.dataSource, 'SUPERADMIN');
      const fresh = await makeUser(t.dataSource, 'SUPERADMIN');
      // Account a reaches its own limit; that uses ACCOUNT_LIMIT of the IP's failures.
      for (let i = 0; i < ACCOUNT_LIMIT; i += 1) await attempt(a.email, 'wrong').expect(401);
      problem(await attempt(a.email, TEST_PASSWORD), 429, 'RATE_LIMITED');
      // The IP is under its limit, so b still signs in; refused (429) attempts do not count.
      await attempt(b.email, TEST_PASSWORD).expect(200);
      for (let i = ACCOUNT_LIMIT; i < IP_LIMIT; i += 1) await attempt(`guess-${i}@example.test`, 'wrong').expect(401);

      const blocked = await attempt(b.email, TEST_PASSWORD);
      problem(blocked, 429, 'RATE_LIMITED');
      expect(Number(blocked.get('Retry-After'))).toBeGreaterThanOrEqual(1);
      problem(await attempt(fresh.email, TEST_PASSWORD), 429, 'RATE_LIMITED');
    });

    it('does not let a client escape the IP limit with X-Forwarded-For when no proxy is trusted', async () => {
      const admin = await makeUser(t.dataSource, 'SUPERADMIN');
      for (let i = 0; i < IP_LIMIT; i += 1) await attempt(`spray-${i}@example.test`, 'wrong').expect(401);
      const spoofed = await request(t.http)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', '203.0.113.7')
        .send({ email: admin.email, password: TEST_PASSWORD });
      problem(spoofed, 429, 'RATE_LIMITED');
    });

    it('resets the account counter on a successful sign-in', async () => {
      const admin = await makeUser(t.dataSource, 'SUPERADMIN');
      for (let i = 0; i < ACCOUNT_LIMIT - 1; i += 1) await attempt(admin.email, 'wrong').expect(401);
      await attempt(admin.email, TEST_PASSWORD).expect(200);
      // Without the reset these would add up to more than the limit and the last login would be 429.
      for (let i = 0; i < ACCOUNT_LIMIT - 1; i += 1) await attempt(admin.email, 'wrong').expect(401);
      await attempt(admin.email, TEST_PASSWORD).expect(200);
    });
  });

  describe('GET /auth/me', () => {
    let admin: MadeUser;
    let accessToken: string;
    /** The session of `accessToken`: forged tokens below name it, so only what they vary is wrong. */
    let sid: string;
    beforeAll(async () => {
      admin = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility });
      ({ accessToken } = await login(t.http, admin.email));
      ({ sid } = jwt.decode(accessToken) as { sid: string });
    });

    it('returns the signed-in admin', async () => {
      const response = await me(accessToken).expect(200);
      expect(response.body as MeBody).toEqual({
        id: admin.user.id,
        email: admin.email,
        name: admin.user.name,
        role: 'FACILITY_ADMIN',
        kanwilId: facility.kanwilId,
        facilityId: facility.id,
      });
      expect(response.get('Cache-Control')).toBe('no-store');
    });

    it('is 401 without a token, or with another scheme', async () => {
      problem(await request(t.http).get('/api/v1/auth/me'), 401, 'UNAUTHENTICATED');
      problem(await request(t.http).get('/api/v1/auth/me').set('Authorization', accessToken), 401, 'UNAUTHENTICATED');
      problem(await request(t.http).get('/api/v1/auth/me').set('Authorization', `Basic ${accessToken}`), 401, 'UNAUTHENTICATED');
    });

    it('is 401 with a garbage token or a refresh token', async () => {
      problem(await me('garbage'), 401, 'UNAUTHENTICATED');
      problem(await me('aaa.bbb.ccc'), 401, 'UNAUTHENTICATED');
      problem(await me(`${accessToken}x`), 401, 'UNAUTHENTICATED');
      const { refreshToken } = await login(t.http, admin.email);
      problem(await me(refreshToken), 401, 'UNAUTHENTICATED');
    });

    it('accepts a token signed like ours (the forging below is faithful)', async () => {
      const body = (await me(forgeAccessToken(admin.user.id, sid)).expect(200)).body as MeBody;
      expect(body.id).toBe(admin.user.id);
    });

    it('is 401 for a token signed with another secret', async () => {
      problem(await me(forgeAccessToken(admin.user.id, sid, { secret: 'another-secret-that-is-also-long-enough-0123456789' })), 401, 'UNAUTHENTICATED');
    });

    it('is 401 for an expired token', async () => {
      problem(await me(forgeAccessToken(admin.user.id, sid, { expiresIn: -60 })), 401, 'UNAUTHENTICATED');
    });

    it('is 401 for another issuer or a token that is not an access token', async () => {
      problem(await me(forgeAccessToken(admin.user.id, sid, { issuer: 'someone-else' })), 401, 'UNAUTHENTICATED');
      problem(await me(forgeAccessToken(admin.user.id, sid, { typ: 'refresh' })), 401, 'UNAUTHENTICATED');
    });

    it('is 401 for an unsigned (alg none) token', async () => {
      const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: admin.user.id, sid, typ: 'access', iss: 'etalase', iat: now, exp: now + 300 })}.`;
      problem(await me(unsigned), 401, 'UNAUTHENTICATED');
    });

    it('is 401 for a well-signed token of a user that does not exist', async () => {
      problem(await me(forgeAccessToken('00000000-0000-4000-8000-000000000000', sid)), 401, 'UNAUTHENTICATED');
    });
  });

  describe('refresh tokens', () => {
    it('rotates: the new pair works, the old refresh token is dead', async () => {
      const admin = await makeUser(t.dataSource, 'SUPERADMIN');
      const first = await login(t.http, admin.email);
      const second = (await refresh(first.refreshToken).expect(200)).body as SessionBody;
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(second.accessToken).not.toBe(first.accessToken);
      expect(second.user.id).toBe(admin.user.id);
      expect(((await me(second.accessToken).expect(200)).body as MeBody).id).toBe(admin.user.id);

      const third = (await refresh(second.refreshToken).expect(200)).body as SessionBody;
      await me(third.accessToken).expect(200);
    });

    it('revokes the whole family when a used refresh token is presented again', async () => {
      const admin = await makeUser(t.dataSource, 'SUPERADMIN');
      const original = await login(t.http, admin.email);
      const otherDevice = await login(t.http, admin.email);
      const rotated = (await refresh(original.refreshToken).expect(200)).body as SessionBody;

      const reuse = problem(await refresh(original.refreshToken), 401, 'UNAUTHENTICATED');
      expect(reuse.detail).toMatch(/already used/);
      // The legitimate holder's newer token from the same family is revoked too.
      problem(await refresh(rotated.refreshToken), 401, 'UNAUTHENTICATED');
      // A separate login is a separate family and keeps working.
      await refresh(otherDevice.refreshToken).expect(200);
    });

    it('lets exactly one of two parallel refreshes with the same token win', async () => {
      const admin = await makeUser(t.dataSource, 'SUPERADMIN');
      const { refreshToken } = await login(t.http, admin.email);
      const responses = await Promise.all([refresh(refreshToken), refresh(refreshToken)]);
      expect(responses.map((r) => r.status).sort()).toEqual([200, 401]);
      // The loser presented a used token, so the winner's new token is revoked with the family.
      const winner = responses.find((r) => r.status === 200);
      problem(await refresh((winner?.body as SessionBody).refreshToken), 401, 'UNAUTHENTICATED');
    });

    it('refuses an expired refresh token', async () => {
      const admin = await makeUser(t.dataSource, 'SUPERADMIN');
      const { refreshToken } = await login(t.http, admin.email);
      const [id] = refreshToken.split('.');
      await t.dataSource.query("UPDATE refresh_token SET expires_at = now() - interval '1 second' WHERE id = $1", [id]);
      problem(await refresh(refreshToken), 401, 'UNAUTHENTICATED');
    });

    it.each([
      ['a random string', 'not-a-token'],
      ['an id without secret', '00000000-0000-4000-8000-000000000000'],
      ['an unknown id with a well-formed secret', `00000000-0000-4000-8000-000000000000.${'A'.repeat(43)}`],
      ['a short secret', '00000000-0000-4000-8000-000000000000.abc'],
      ['SQL-ish text', "x'; DROP TABLE refresh_token; --"],
      ['an uppercase id', `00000000-0000-4000-8000-00000000000A.${'A'.repeat(43)}`],
    ])('answers %s with 401, not 500', async (_label, token) => {
      problem(await refresh(token), 401, 'UNAUTHENTICATED');
    });

    it('refuses an access token presented as a refresh token (400 or 401, never 500)', async () => {
      const admin = await makeUser(t.dataSource, 'SUPERADMIN');
      const { accessToken } = await login(t.http, admin.email);
      const response = await refresh(accessToken);
      expect([400, 401]).toContain(response.status);
      expect((response.body as ProblemBody).code).toBe(response.status === 400 ? 'VALIDATION_FAILED' : 'UNAUTHENTICATED');
    });

    it('answers a known id with the wrong secret with 401 and leaves the real token working', async () => {
      const admin = await makeUser(t.dataSource, 'SUPERADMIN');
      const { refreshToken } = await login(t.http, admin.email);
      const [id, secret] = refreshToken.split('.') as [string, string];
      const tampered = `${id}.${secret.startsWith('A') ? 'B' : 'A'}${secret.slice(1)}`;
      problem(await refresh(tampered), 401, 'UNAUTHENTICATED');
      await refresh(refreshToken).expect(200);
    });

    it.each([
      ['missing', {}],
      ['empty', { refreshToken: '' }],
      ['a number', { refreshToken: 42 }],
      ['an object', { refreshToken: { $ne: null } }],
      ['too long', { refreshToken: 'x'.repeat(500) }],
      ['with an unknown field', { refreshToken: 'x', extra: 1 }],
    ])('answers a body with the token %s with 400', async (_label, body) => {
      problem(await request(t.http).post('/api/v1/auth/refresh').send(body), 400, 'VALIDATION_FAILED');
    });
  });

  describe('logout', () => {
    it('revokes the refresh token (and the tokens rotated from the same login), not other sessions', async () => {
      const admin = await makeUser(t.dataSource, 'SUPERADMIN');
      const session = await login(t.http, admin.email);
      const otherDevice = await login(t.http, admin.email);
      const rotated = (await refresh(session.refreshToken).expect(200)).body as SessionBody;

      await logout(rotated.refreshToken).expect(204);
      problem(await refresh(rotated.refreshToken), 401, 'UNAUTHENTICATED');
      await refresh(otherDevice.refreshToken).expect(200);
    });

    it('succeeds quietly for unknown or malformed tokens, and validates the body', async () => {
      await logout('not-a-token').expect(204);
      await logout(`00000000-0000-4000-8000-000000000000.${'A'.repeat(43)}`).expect(204);
      problem(await request(t.http).post('/api/v1/auth/logout').send({}), 400, 'VALIDATION_FAILED');
    });
  });

  describe('deactivated accounts', () => {
    it('stop working at once: access token, refresh token and login', async () => {
      const superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
      const target = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility });
      const session = await login(t.http, target.email);
      await me(session.accessToken).expect(200);

      await request(t.http)
        .patch(`/api/v1/admin/users/${target.user.id}`)
        .set('Authorization', superadmin.bearer)
        .send({ active: false })
        .expect(200);

      problem(await me(session.accessToken), 401, 'UNAUTHENTICATED');
      problem(await refresh(session.refreshToken), 401, 'UNAUTHENTICATED');
      problem(await attempt(target.email, TEST_PASSWORD), 401, 'UNAUTHENTICATED');
    });
  });

  it('issues access tokens whose subject is the user id', async () => {
    const admin = await makeUser(t.dataSource, 'SUPERADMIN');
    const { accessToken } = await login(t.http, admin.email);
    const claims = jwt.verify(accessToken, TEST_JWT_SECRET, { issuer: 'etalase', algorithms: ['HS256'] });
    expect(typeof claims === 'object' ? { sub: claims.sub, typ: (claims as { typ?: unknown }).typ } : claims).toEqual({
      sub: admin.user.id,
      typ: 'access',
    });
    expect(admin.user.id).toMatch(UUID);
  });
});
