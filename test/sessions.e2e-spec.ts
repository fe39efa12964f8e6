import jwt from 'jsonwebtoken';
import request, { Response, Test } from 'supertest';
import type { Problem } from '../src/common/errors/problem';
import type { Facility } from '../src/facilities/facility.entity';
import { login, makeFacility, makeUser, MadeUser, signedInAs, TEST_PASSWORD, Tokens } from './support/factories';
import { startTestApp, startTestAppOn, TEST_JWT_SECRET, TestApp } from './support/test-app';

function expectUnauthenticated(response: Response): Problem {
  expect({ status: response.status, code: (response.body as Problem).code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  expect(response.get('Content-Type')).toMatch(/^application\/problem\+json/);
  return response.body as Problem;
}

/** Waits for the start of the next wall-clock second, so that what follows shares one JWT second. */
async function startOfNextSecond(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
}

/**
 * An access token names its session (`sid`, one login and its refresh-token rotations). Every
 * authenticated request checks that session, so signing out, refresh-token reuse, a password change
 * and deactivation end the session's access tokens on the next request, in every process.
 */
describe('sessions: access tokens end with their session', () => {
  let t: TestApp;
  /** A second API process on the same database that caches nothing. */
  let other: TestApp;
  let facility: Facility;
  let superadmin: { bearer: string };

  beforeAll(async () => {
    t = await startTestApp();
    other = await startTestAppOn(t, { AUTH_SESSION_CACHE_SECONDS: '0' });
    facility = await makeFacility(t.dataSource);
    superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  const me = (app: TestApp, accessToken: string): Test => request(app.http).get('/api/v1/auth/me').set('Authorization', `Bearer ${accessToken}`);
  const refresh = (refreshToken: string): Test => request(t.http).post('/api/v1/auth/refresh').send({ refreshToken });
  const patchUser = (id: string, body: object): Test => request(t.http).patch(`/api/v1/admin/users/${id}`).set('Authorization', superadmin.bearer).send(body);

  /** A facility admin signed in, its access token already used (and so cached) in both processes. */
  async function signedInAdmin(): Promise<{ admin: MadeUser; session: Tokens }> {
    const admin = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility });
    const session = await login(t.http, admin.email);
    await me(t, session.accessToken).expect(200);
    await me(other, session.accessToken).expect(200);
    return { admin, session };
  }

  async function expectEnded(accessToken: string): Promise<void> {
    expectUnauthenticated(await me(t, accessToken));
    expectUnauthenticated(await me(other, accessToken));
  }

  it('ends at logout', async () => {
    const { admin, session } = await signedInAdmin();
    const otherDevice = await login(t.http, admin.email);

    await request(t.http).post('/api/v1/auth/logout').send({ refreshToken: session.refreshToken }).expect(204);

    await expectEnded(session.accessToken);
    const problem = expectUnauthenticated(await me(t, session.accessToken));
    expect(problem.detail).toMatch(/sign in again/);
    // Another login of the same admin is another session.
    await me(t, otherDevice.accessToken).expect(200);
    await me(other, otherDevice.accessToken).expect(200);
  });

  it('ends when a used refresh token is presented again (every access token of that login)', async () => {
    const { admin, session } = await signedInAdmin();
    const otherDevice = await login(t.http, admin.email);
    const rotated = (await refresh(session.refreshToken).expect(200)).body as Tokens;
    await me(t, rotated.accessToken).expect(200);
    await me(other, rotated.accessToken).expect(200);

    expectUnauthenticated(await refresh(session.refreshToken));

    await expectEnded(session.accessToken);
    await expectEnded(rotated.accessToken);
    await me(t, otherDevice.accessToken).expect(200);
  });

  it('ends when an admin changes the password, even for a token from the same second', async () => {
    await startOfNextSecond();
    const { admin, session } = await signedInAdmin();
    const otherDevice = await login(t.http, admin.email);

    await patchUser(admin.user.id, { password: 'a-brand-new-password-2' }).expect(200);

    await expectEnded(session.accessToken);
    await expectEnded(otherDevice.accessToken);
    expectUnauthenticated(await request(t.http).post('/api/v1/auth/login').send({ email: admin.email, password: TEST_PASSWORD }));
    const fresh = await login(t.http, admin.email, 'a-brand-new-password-2');
    await me(t, fresh.accessToken).expect(200);
    await me(other, fresh.accessToken).expect(200);
  });

  it('ends when the admin is deactivated, and stays ended after reactivation', async () => {
    await startOfNextSecond();
    const { admin, session } = await signedInAdmin();

    await patchUser(admin.user.id, { active: false }).expect(200);
    await expectEnded(session.accessToken);

    await patchUser(admin.user.id, { active: true }).expect(200);
    await expectEnded(session.accessToken);
    expectUnauthenticated(await refresh(session.refreshToken));
  });

  it('refuses a token without a session id (issued before sessions were tracked), saying to refresh', async () => {
    const admin = await makeUser(t.dataSource, 'SUPERADMIN');
    const legacy = jwt.sign({ sub: admin.user.id, typ: 'access' }, TEST_JWT_SECRET, { algorithm: 'HS256', issuer: 'etalase', expiresIn: 300 });
    const problem = expectUnauthenticated(await me(t, legacy));
    expect(problem.detail).toMatch(/refresh/);
  });

  it("refuses a well-signed token that names another admin's session", async () => {
    const { session } = await signedInAdmin();
    const { sid } = jwt.decode(session.accessToken) as { sid: string };
    const intruder = await makeUser(t.dataSource, 'SUPERADMIN');
    const forged = jwt.sign({ sub: intruder.user.id, sid, typ: 'access' }, TEST_JWT_SECRET, { algorithm: 'HS256', issuer: 'etalase', expiresIn: 300 });
    expectUnauthenticated(await me(t, forged));
    expectUnauthenticated(await me(other, forged));
  });
});
