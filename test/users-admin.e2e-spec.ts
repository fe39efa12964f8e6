import request, { Response, Test } from 'supertest';
import { Facility } from '../src/facilities/facility.entity';
import { kanwilId, login, makeFacility, makeUser, MadeUser, signedInAs, TEST_PASSWORD, Tokens } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

interface UserBody {
  id: string;
  email: string;
  name: string;
  role: string;
  kanwilId: string | null;
  facilityId: string | null;
  facilityName: string | null;
  active: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

interface PageBody<T> {
  data: T[];
  nextCursor: string | null;
}

interface AuditEventBody {
  id: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  facilityId: string | null;
  kanwilId: string | null;
  changes: Record<string, { from: unknown; to: unknown }>;
}

interface ProblemBody {
  status: number;
  code: string;
  detail: string;
  errors?: { field: string; message: string }[];
}

type SignedIn = MadeUser & Tokens & { bearer: string };

const USER_VIEW_KEYS = ['active', 'createdAt', 'email', 'facilityId', 'facilityName', 'id', 'kanwilId', 'lastLoginAt', 'name', 'role'];
const NEW_PASSWORD = 'a-brand-new-passphrase';

describe('admin users', () => {
  let t: TestApp;
  let kalsel: string;
  let bali: string;
  let kalselFacility: Facility;
  let otherKalselFacility: Facility;
  let baliFacility: Facility;
  let superadmin: SignedIn;
  let regional: SignedIn;
  let facilityAdmin: SignedIn;
  let peerRegional: MadeUser;
  let baliRegional: MadeUser;
  let baliFacilityAdmin: MadeUser;
  let kalselFacilityAdmin: MadeUser;

  beforeAll(async () => {
    t = await startTestApp();
    kalsel = await kanwilId(t.dataSource, 'kalsel');
    bali = await kanwilId(t.dataSource, 'bali');
    kalselFacility = await makeFacility(t.dataSource);
    otherKalselFacility = await makeFacility(t.dataSource);
    baliFacility = await makeFacility(t.dataSource, { provinceCode: '51', city: 'Denpasar' });
    superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
    regional = await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: kalsel });
    facilityAdmin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: kalselFacility });
    peerRegional = await makeUser(t.dataSource, 'REGIONAL_ADMIN', { kanwilId: kalsel });
    baliRegional = await makeUser(t.dataSource, 'REGIONAL_ADMIN', { kanwilId: bali });
    baliFacilityAdmin = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility: baliFacility });
    kalselFacilityAdmin = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility: otherKalselFacility });
  });
  afterAll(() => t.close());

  const get = (bearer: string, path: string): Test => request(t.http).get(`/api/v1/admin/users${path}`).set('Authorization', bearer);
  const post = (bearer: string, body: object): Test => request(t.http).post('/api/v1/admin/users').set('Authorization', bearer).send(body);
  const patch = (bearer: string, id: string, body: object): Test =>
    request(t.http).patch(`/api/v1/admin/users/${id}`).set('Authorization', bearer).send(body);
  const me = (token: string): Test => request(t.http).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
  const refresh = (refreshToken: string): Test => request(t.http).post('/api/v1/auth/refresh').send({ refreshToken });

  function problem(response: Response, status: number, code: string): ProblemBody {
    const body = response.body as ProblemBody;
    expect({ httpStatus: response.status, status: body.status, code: body.code }).toEqual({ httpStatus: status, status, code });
    expect(response.get('Content-Type')).toMatch(/^application\/problem\+json/);
    return body;
  }

  /** A user view: exactly the documented fields, never anything about the password. */
  function userView(response: Response, status: number): UserBody {
    expect(response.status).toBe(status);
    const body = response.body as UserBody;
    expect(Object.keys(body).sort()).toEqual(USER_VIEW_KEYS);
    expectNoSecrets(body);
    return body;
  }

  function expectNoSecrets(body: unknown): void {
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/password/i);
    expect(text).not.toContain('$argon2');
    expect(text).not.toContain(TEST_PASSWORD);
    expect(text).not.toContain(NEW_PASSWORD);
  }

  let sequence = 0;
  function newEmail(label: string): string {
    sequence += 1;
    return `${label}-${sequence}-${Math.random().toString(36).slice(2, 6)}@example.test`;
  }

  /** Every user a caller can list, walking all pages. */
  async function listAll(bearer: string, query = '', limit = 100): Promise<UserBody[]> {
    const users: UserBody[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 200; page += 1) {
      const params = new URLSearchParams(query);
      params.set('limit', String(limit));
      if (cursor) params.set('cursor', cursor);
      const response = await get(bearer, `?${params.toString()}`).expect(200);
      const body = response.body as PageBody<UserBody>;
      expect(body.data.length).toBeLessThanOrEqual(limit);
      expectNoSecrets(body);
      users.push(...body.data);
      cursor = body.nextCursor;
      if (cursor === null) return users;
      expect(body.data).toHaveLength(limit);
    }
    throw new Error('pagination did not end');
  }

  async function auditEvents(bearer: string, query: string): Promise<AuditEventBody[]> {
    const response = await request(t.http).get(`/api/v1/admin/audit-events?${query}`).set('Authorization', bearer).expect(200);
    const body = response.body as PageBody<AuditEventBody>;
    expect(JSON.stringify(body)).not.toMatch(/passwordHash|\$argon2/);
    return body.data;
  }

  describe('who may use it', () => {
    it('is 401 without a token', async () => {
      problem(await request(t.http).get('/api/v1/admin/users'), 401, 'UNAUTHENTICATED');
      problem(await request(t.http).post('/api/v1/admin/users').send({}), 401, 'UNAUTHENTICATED');
    });

    it('is 403 for a facility admin on every route, even about its own account', async () => {
      const bearer = facilityAdmin.bearer;
      problem(await get(bearer, ''), 403, 'FORBIDDEN');
      problem(await get(bearer, `/${facilityAdmin.user.id}`), 403, 'FORBIDDEN');
      problem(await get(bearer, `/${kalselFacilityAdmin.user.id}`), 403, 'FORBIDDEN');
      problem(
        await post(bearer, { email: newEmail('fa-made'), name: 'Nope', role: 'FACILITY_ADMIN', facilityId: kalselFacility.id, password: TEST_PASSWORD }),
        403,
        'FORBIDDEN',
      );
      problem(await patch(bearer, kalselFacilityAdmin.user.id, { name: 'Renamed' }), 403, 'FORBIDDEN');
      problem(await patch(bearer, facilityAdmin.user.id, { name: 'Renamed' }), 403, 'FORBIDDEN');
      const unchanged = await t.dataSource.query<{ name: string }[]>('SELECT name FROM app_user WHERE id = ANY($1::uuid[])', [
        [facilityAdmin.user.id, kalselFacilityAdmin.user.id],
      ]);
      expect(unchanged.map((row) => row.name)).toEqual(['Test FACILITY_ADMIN', 'Test FACILITY_ADMIN']);
    });
  });

  describe('creating users as superadmin', () => {
    it('creates a superadmin without scope, who can then sign in', async () => {
      const email = newEmail('super');
      const created = userView(await post(superadmin.bearer, { email, name: '  Dewi Lestari  ', role: 'SUPERADMIN', password: TEST_PASSWORD }), 201);
      expect(created).toMatchObject({ email, name: 'Dewi Lestari', role: 'SUPERADMIN', kanwilId: null, facilityId: null, active: true, lastLoginAt: null });
      const session = await login(t.http, email);
      const signedIn = userView(await get(superadmin.bearer, `/${created.id}`), 200);
      expect(signedIn.lastLoginAt).not.toBeNull();
      expect(session.accessToken).toBeTruthy();
    });

    it('creates a regional admin with a kanwilId, and refuses one without (400) or with an unknown Kanwil (404)', async () => {
      const created = userView(
        await post(superadmin.bearer, { email: newEmail('reg'), name: 'Regional Bali', role: 'REGIONAL_ADMIN', kanwilId: bali, password: TEST_PASSWORD }),
        201,
      );
      expect(created).toMatchObject({ role: 'REGIONAL_ADMIN', kanwilId: bali, facilityId: null });

      const missing = problem(
        await post(superadmin.bearer, { email: newEmail('reg'), name: 'No Kanwil', role: 'REGIONAL_ADMIN', password: TEST_PASSWORD }),
        400,
        'VALIDATION_FAILED',
      );
      expect(missing.errors).toEqual([{ field: 'kanwilId', message: 'is required for REGIONAL_ADMIN' }]);
      problem(
        await post(superadmin.bearer, {
          email: newEmail('reg'),
          name: 'Ghost Kanwil',
          role: 'REGIONAL_ADMIN',
          kanwilId: '00000000-0000-4000-8000-000000000000',
          password: TEST_PASSWORD,
        }),
        404,
        'NOT_FOUND',
      );
      problem(
        await post(superadmin.bearer, { email: newEmail('reg'), name: 'Bad Kanwil', role: 'REGIONAL_ADMIN', kanwilId: 'kalsel', password: TEST_PASSWORD }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('creates a facility admin placed in its facility\'s Kanwil, and refuses one without a facilityId', async () => {
      const created = userView(
        await post(superadmin.bearer, {
          email: newEmail('fa'),
          name: 'Admin Bali',
          role: 'FACILITY_ADMIN',
          facilityId: baliFacility.id,
          // A kanwilId that disagrees with the facility must not win: the facility decides.
          kanwilId: kalsel,
          password: TEST_PASSWORD,
        }),
        201,
      );
      expect(created).toMatchObject({ role: 'FACILITY_ADMIN', facilityId: baliFacility.id, kanwilId: bali });

      const missing = problem(
        await post(superadmin.bearer, { email: newEmail('fa'), name: 'No Facility', role: 'FACILITY_ADMIN', kanwilId: kalsel, password: TEST_PASSWORD }),
        400,
        'VALIDATION_FAILED',
      );
      expect(missing.errors).toEqual([{ field: 'facilityId', message: 'is required for FACILITY_ADMIN' }]);
      problem(
        await post(superadmin.bearer, {
          email: newEmail('fa'),
          name: 'Ghost Facility',
          role: 'FACILITY_ADMIN',
          facilityId: '00000000-0000-4000-8000-000000000000',
          password: TEST_PASSWORD,
        }),
        404,
        'NOT_FOUND',
      );
    });

    it('validates the body: unknown fields, bad role, short password, bad email', async () => {
      const valid = { email: newEmail('v'), name: 'Valid Name', role: 'SUPERADMIN', password: TEST_PASSWORD };
      const unknown = problem(await post(superadmin.bearer, { ...valid, isAdmin: true }), 400, 'VALIDATION_FAILED');
      expect(unknown.errors).toEqual([{ field: 'isAdmin', message: 'is not an accepted field' }]);
      const injected = problem(await post(superadmin.bearer, { ...valid, passwordHash: '$argon2id$v=19$forged', active: false }), 400, 'VALIDATION_FAILED');
      expect(injected.errors?.map((e) => e.field).sort()).toEqual(['active', 'passwordHash']);
      problem(await post(superadmin.bearer, { ...valid, role: 'ROOT' }), 400, 'VALIDATION_FAILED');
      problem(await post(superadmin.bearer, { ...valid, password: 'short' }), 400, 'VALIDATION_FAILED');
      problem(await post(superadmin.bearer, { ...valid, email: 'not-an-email' }), 400, 'VALIDATION_FAILED');
      problem(await post(superadmin.bearer, { ...valid, name: 42 }), 400, 'VALIDATION_FAILED');
      expect(await t.dataSource.query<unknown[]>('SELECT 1 FROM app_user WHERE email = $1', [valid.email])).toHaveLength(0);
    });

    it('refuses a duplicate email with 409, also when only the case differs, and stores emails lower-cased', async () => {
      const email = newEmail('dup');
      const mixed = email.replace(/^dup/, 'DuP');
      const created = userView(await post(superadmin.bearer, { email: mixed, name: 'First', role: 'SUPERADMIN', password: TEST_PASSWORD }), 201);
      expect(created.email).toBe(email);
      problem(await post(superadmin.bearer, { email, name: 'Second', role: 'SUPERADMIN', password: TEST_PASSWORD }), 409, 'CONFLICT');
      problem(await post(superadmin.bearer, { email: email.toUpperCase(), name: 'Third', role: 'SUPERADMIN', password: TEST_PASSWORD }), 409, 'CONFLICT');
      const rows = await t.dataSource.query<{ id: string }[]>('SELECT id FROM app_user WHERE lower(email) = $1', [email]);
      expect(rows.map((row) => row.id)).toEqual([created.id]);
    });

    it('lets only one of two parallel creates with the same email through (the other is 409, not 500)', async () => {
      const email = newEmail('race');
      const body = (name: string): object => ({ email, name, role: 'SUPERADMIN', password: TEST_PASSWORD });
      const responses = await Promise.all([post(superadmin.bearer, body('Racer One')), post(superadmin.bearer, body('Racer Two'))]);
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(responses.map((r) => (r.body as Partial<ProblemBody>).code).filter(Boolean)).toEqual(['CONFLICT']);
      expect(await t.dataSource.query<unknown[]>('SELECT 1 FROM app_user WHERE email = $1', [email])).toHaveLength(1);
    });
  });

  describe('creating users as a regional admin', () => {
    it('creates a facility admin for a facility in its Kanwil', async () => {
      const email = newEmail('reg-made');
      const created = userView(
        await post(regional.bearer, { email, name: 'Admin Kotabaru', role: 'FACILITY_ADMIN', facilityId: kalselFacility.id, password: TEST_PASSWORD }),
        201,
      );
      expect(created).toMatchObject({ email, role: 'FACILITY_ADMIN', facilityId: kalselFacility.id, kanwilId: kalsel });
      await login(t.http, email);
    });

    it('may not create regional admins or superadmins (403)', async () => {
      problem(
        await post(regional.bearer, { email: newEmail('x'), name: 'Peer', role: 'REGIONAL_ADMIN', kanwilId: kalsel, password: TEST_PASSWORD }),
        403,
        'FORBIDDEN',
      );
      problem(await post(regional.bearer, { email: newEmail('x'), name: 'Boss', role: 'SUPERADMIN', password: TEST_PASSWORD }), 403, 'FORBIDDEN');
    });

    it('gets 404 for a facility outside its Kanwil, as if it did not exist', async () => {
      const outside = problem(
        await post(regional.bearer, { email: newEmail('x'), name: 'Bali Admin', role: 'FACILITY_ADMIN', facilityId: baliFacility.id, password: TEST_PASSWORD }),
        404,
        'NOT_FOUND',
      );
      const missing = problem(
        await post(regional.bearer, {
          email: newEmail('x'),
          name: 'Ghost',
          role: 'FACILITY_ADMIN',
          facilityId: '00000000-0000-4000-8000-000000000000',
          password: TEST_PASSWORD,
        }),
        404,
        'NOT_FOUND',
      );
      expect(outside.detail).toBe(missing.detail);
    });
  });

  describe('reading users', () => {
    it('lists only the regional admin\'s Kanwil, never Bali or superadmins', async () => {
      const seen = await listAll(regional.bearer);
      const ids = seen.map((u) => u.id);
      expect(ids).toEqual(expect.arrayContaining([regional.user.id, peerRegional.user.id, facilityAdmin.user.id, kalselFacilityAdmin.user.id]));
      expect(ids).not.toContain(baliRegional.user.id);
      expect(ids).not.toContain(baliFacilityAdmin.user.id);
      expect(ids).not.toContain(superadmin.user.id);
      expect(seen.filter((u) => u.kanwilId !== kalsel)).toEqual([]);
      const expected = await t.dataSource.query<{ id: string }[]>('SELECT id FROM app_user WHERE kanwil_id = $1', [kalsel]);
      expect(ids.sort()).toEqual(expected.map((row) => row.id).sort());
    });

    it('lists everyone for a superadmin', async () => {
      const ids = (await listAll(superadmin.bearer)).map((u) => u.id);
      expect(ids).toEqual(expect.arrayContaining([superadmin.user.id, baliRegional.user.id, baliFacilityAdmin.user.id, regional.user.id]));
      const expected = await t.dataSource.query<{ id: string }[]>('SELECT id FROM app_user');
      expect(ids.sort()).toEqual(expected.map((row) => row.id).sort());
    });

    it('filters by role, facility and text (with LIKE wildcards taken literally)', async () => {
      const facilityAdmins = await listAll(superadmin.bearer, 'role=FACILITY_ADMIN');
      expect(facilityAdmins.length).toBeGreaterThanOrEqual(3);
      expect(facilityAdmins.filter((u) => u.role !== 'FACILITY_ADMIN')).toEqual([]);

      const ofFacility = await listAll(superadmin.bearer, `facilityId=${otherKalselFacility.id}`);
      expect(ofFacility.map((u) => u.id)).toEqual([kalselFacilityAdmin.user.id]);

      const named = userView(
        await post(superadmin.bearer, { email: newEmail('searchable'), name: 'Siti Nurhaliza Qwerty', role: 'SUPERADMIN', password: TEST_PASSWORD }),
        201,
      );
      expect((await listAll(superadmin.bearer, 'q=nurhaliza qwe')).map((u) => u.id)).toEqual([named.id]);
      expect(await listAll(superadmin.bearer, 'q=%')).toEqual([]);
      // As a LIKE wildcard `_` would match the space in the name; taken literally it matches nothing.
      expect(await listAll(superadmin.bearer, 'q=nurhaliza_qwerty')).toEqual([]);
      // Scope still applies under a filter: Bali's facility admins stay hidden from Kalsel.
      expect(await listAll(regional.bearer, `facilityId=${baliFacility.id}`)).toEqual([]);
    });

    it('rejects bad list parameters with 400', async () => {
      for (const query of ['limit=0', 'limit=101', 'limit=abc', 'role=ROOT', 'facilityId=nope', 'sort=email', 'includeDeleted=true']) {
        const response = await get(superadmin.bearer, `?${query}`);
        expect({ query, status: response.status, code: (response.body as ProblemBody).code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' });
      }
    });

    it('gets one user in scope, and 404 for one outside it', async () => {
      const inScope = userView(await get(regional.bearer, `/${kalselFacilityAdmin.user.id}`), 200);
      expect(inScope).toMatchObject({ id: kalselFacilityAdmin.user.id, email: kalselFacilityAdmin.email, role: 'FACILITY_ADMIN', facilityId: otherKalselFacility.id });
      const outOfScope = problem(await get(regional.bearer, `/${baliFacilityAdmin.user.id}`), 404, 'NOT_FOUND');
      problem(await get(regional.bearer, `/${baliRegional.user.id}`), 404, 'NOT_FOUND');
      problem(await get(regional.bearer, `/${superadmin.user.id}`), 404, 'NOT_FOUND');
      const missing = problem(await get(regional.bearer, '/00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
      expect(outOfScope.detail).toBe(missing.detail);

      userView(await get(superadmin.bearer, `/${baliFacilityAdmin.user.id}`), 200);
      problem(await get(superadmin.bearer, '/00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
    });

    it('answers a malformed id in the path with 400', async () => {
      for (const id of ['not-a-uuid', '123', '00000000-0000-4000-8000-00000000000g']) {
        const body = problem(await get(superadmin.bearer, `/${id}`), 400, 'VALIDATION_FAILED');
        expect(body.errors?.map((e) => e.field)).toEqual(['id']);
        problem(await patch(superadmin.bearer, id, { name: 'Whoever' }), 400, 'VALIDATION_FAILED');
      }
    });
  });

  describe('updating users', () => {
    it('lets a regional admin rename a facility admin of its Kanwil', async () => {
      const target = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility: kalselFacility });
      const updated = userView(await patch(regional.bearer, target.user.id, { name: 'Renamed by Kanwil' }), 200);
      expect(updated).toMatchObject({ id: target.user.id, name: 'Renamed by Kanwil', active: true });
      expect(userView(await get(regional.bearer, `/${target.user.id}`), 200).name).toBe('Renamed by Kanwil');
    });

    it('refuses a regional admin changing another regional admin of the same Kanwil (403) or a Bali user (404)', async () => {
      problem(await patch(regional.bearer, peerRegional.user.id, { name: 'Hijacked' }), 403, 'FORBIDDEN');
      problem(await patch(regional.bearer, peerRegional.user.id, { active: false }), 403, 'FORBIDDEN');
      problem(await patch(regional.bearer, peerRegional.user.id, { password: NEW_PASSWORD }), 403, 'FORBIDDEN');
      problem(await patch(regional.bearer, baliFacilityAdmin.user.id, { name: 'Hijacked' }), 404, 'NOT_FOUND');
      problem(await patch(regional.bearer, superadmin.user.id, { active: false }), 404, 'NOT_FOUND');
      const rows = await t.dataSource.query<{ name: string; active: boolean }[]>(
        'SELECT name, active FROM app_user WHERE id = ANY($1::uuid[])',
        [[peerRegional.user.id, baliFacilityAdmin.user.id, superadmin.user.id]],
      );
      expect(rows.filter((row) => row.name === 'Hijacked' || !row.active)).toEqual([]);
      // The peer's password is untouched.
      await login(t.http, peerRegional.email);
    });

    it('refuses unknown or read-only fields with 400', async () => {
      const target = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility: kalselFacility });
      for (const body of [{ role: 'SUPERADMIN' }, { email: 'new@example.test' }, { facilityId: baliFacility.id }, { kanwilId: bali }, { isAdmin: true }]) {
        const response = await patch(superadmin.bearer, target.user.id, body);
        expect({ body, status: response.status, code: (response.body as ProblemBody).code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
      }
      problem(await patch(superadmin.bearer, target.user.id, { active: 'no' }), 400, 'VALIDATION_FAILED');
      problem(await patch(superadmin.bearer, target.user.id, { password: 'short' }), 400, 'VALIDATION_FAILED');
      const [row] = await t.dataSource.query<{ role: string; facility_id: string }[]>('SELECT role, facility_id FROM app_user WHERE id = $1', [target.user.id]);
      expect(row).toEqual({ role: 'FACILITY_ADMIN', facility_id: kalselFacility.id });
    });

    it('deactivating a user kills its access and refresh tokens at once; reactivating lets it sign in again', async () => {
      const target = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility: kalselFacility });
      const session = await login(t.http, target.email);
      await me(session.accessToken).expect(200);

      const deactivated = userView(await patch(regional.bearer, target.user.id, { active: false }), 200);
      expect(deactivated.active).toBe(false);
      problem(await me(session.accessToken), 401, 'UNAUTHENTICATED');
      problem(await refresh(session.refreshToken), 401, 'UNAUTHENTICATED');
      problem(await request(t.http).post('/api/v1/auth/login').send({ email: target.email, password: TEST_PASSWORD }), 401, 'UNAUTHENTICATED');

      expect(userView(await patch(regional.bearer, target.user.id, { active: true }), 200).active).toBe(true);
      // The old refresh token stays revoked; a fresh login works.
      problem(await refresh(session.refreshToken), 401, 'UNAUTHENTICATED');
      const again = await login(t.http, target.email);
      await me(again.accessToken).expect(200);
    });

    it('a password change signs the user out and the new password works', async () => {
      const target = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility: kalselFacility });
      const first = await login(t.http, target.email);
      const second = await login(t.http, target.email);
      // JWT issue times are whole seconds; tokens from the second of the change itself still pass.
      await new Promise((resolve) => setTimeout(resolve, 1100));

      userView(await patch(superadmin.bearer, target.user.id, { password: NEW_PASSWORD }), 200);
      problem(await me(first.accessToken), 401, 'UNAUTHENTICATED');
      problem(await me(second.accessToken), 401, 'UNAUTHENTICATED');
      problem(await refresh(first.refreshToken), 401, 'UNAUTHENTICATED');
      problem(await refresh(second.refreshToken), 401, 'UNAUTHENTICATED');
      problem(await request(t.http).post('/api/v1/auth/login').send({ email: target.email, password: TEST_PASSWORD }), 401, 'UNAUTHENTICATED');
      const fresh = await login(t.http, target.email, NEW_PASSWORD);
      await me(fresh.accessToken).expect(200);
      await refresh(fresh.refreshToken).expect(200);
    });

    it('forbids deactivating yourself (403) but allows renaming yourself', async () => {
      problem(await patch(superadmin.bearer, superadmin.user.id, { active: false }), 403, 'FORBIDDEN');
      problem(await patch(regional.bearer, regional.user.id, { active: false }), 403, 'FORBIDDEN');
      await me(superadmin.accessToken).expect(200);
      await me(regional.accessToken).expect(200);
      const renamed = userView(await patch(regional.bearer, regional.user.id, { name: 'Kanwil Kalsel Admin' }), 200);
      expect(renamed).toMatchObject({ name: 'Kanwil Kalsel Admin', active: true });
    });

    it('lets a superadmin deactivate a regional admin', async () => {
      const target = await makeUser(t.dataSource, 'REGIONAL_ADMIN', { kanwilId: bali });
      const session = await login(t.http, target.email);
      expect(userView(await patch(superadmin.bearer, target.user.id, { active: false }), 200).active).toBe(false);
      problem(await me(session.accessToken), 401, 'UNAUTHENTICATED');
    });
  });

  describe('audit trail', () => {
    it('records every write with its actor and never the password hash', async () => {
      const email = newEmail('audited');
      const created = userView(
        await post(regional.bearer, { email, name: 'Audited Admin', role: 'FACILITY_ADMIN', facilityId: kalselFacility.id, password: TEST_PASSWORD }),
        201,
      );
      userView(await patch(regional.bearer, created.id, { name: 'Audited Admin Renamed' }), 200);
      userView(await patch(superadmin.bearer, created.id, { password: NEW_PASSWORD }), 200);
      userView(await patch(superadmin.bearer, created.id, { active: false }), 200);

      const events = await auditEvents(superadmin.bearer, `entityType=user&entityId=${created.id}&limit=100`);
      const summary = events.map((e) => ({ action: e.action, actorId: e.actorId, changed: Object.keys(e.changes).sort() })).reverse();
      expect(summary).toEqual([
        { action: 'user.create', actorId: regional.user.id, changed: ['active', 'email', 'facilityId', 'id', 'kanwilId', 'name', 'role'] },
        { action: 'user.update', actorId: regional.user.id, changed: ['name'] },
        { action: 'user.update.password', actorId: superadmin.user.id, changed: [] },
        { action: 'user.update', actorId: superadmin.user.id, changed: ['active'] },
      ]);
      const [creation] = events.slice(-1);
      expect(creation).toMatchObject({
        entityType: 'user',
        actorEmail: regional.email,
        facilityId: kalselFacility.id,
        kanwilId: kalsel,
        changes: { email: { from: null, to: email }, role: { from: null, to: 'FACILITY_ADMIN' } },
      });
      expect(events[0]?.changes).toEqual({ active: { from: true, to: false } });
    });

    it('shows a regional admin the events of its Kanwil only', async () => {
      const baliUser = userView(
        await post(superadmin.bearer, { email: newEmail('bali-audit'), name: 'Bali Audit', role: 'FACILITY_ADMIN', facilityId: baliFacility.id, password: TEST_PASSWORD }),
        201,
      );
      expect(await auditEvents(superadmin.bearer, `entityId=${baliUser.id}`)).toHaveLength(1);
      expect(await auditEvents(regional.bearer, `entityId=${baliUser.id}`)).toEqual([]);
      const visible = await auditEvents(regional.bearer, 'entityType=user&limit=100');
      expect(visible.length).toBeGreaterThan(0);
      expect(visible.filter((e) => e.kanwilId !== kalsel)).toEqual([]);
    });

    it('never stores a password or its hash in any audit event', async () => {
      const rows = await t.dataSource.query<{ changes: unknown }[]>("SELECT changes FROM audit_event WHERE entity_type = 'user'");
      expect(rows.length).toBeGreaterThan(0);
      const text = JSON.stringify(rows);
      expect(text).not.toMatch(/password/i);
      expect(text).not.toContain('$argon2');
    });
  });

  describe('keyset pagination', () => {
    it('walks a filtered list two at a time, each user exactly once, in email order', async () => {
      const marker = `pg${Math.random().toString(36).slice(2, 8)}`;
      const made: string[] = [];
      for (let i = 0; i < 7; i += 1) {
        // Same email prefix differing only after it, so the sort key is exercised, not insertion order.
        const user = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility: kalselFacility }, { name: `Paging ${marker}`, email: `${marker}-${(7 - i) % 7}-${i}@example.test` });
        made.push(user.user.id);
      }
      const pages: UserBody[][] = [];
      let cursor: string | null = null;
      do {
        const query: string = `?q=${marker}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const body = (await get(regional.bearer, query).expect(200)).body as PageBody<UserBody>;
        pages.push(body.data);
        cursor = body.nextCursor;
      } while (cursor !== null && pages.length < 10);

      expect(pages.map((page) => page.length)).toEqual([2, 2, 2, 1]);
      const ids = pages.flat().map((u) => u.id);
      expect([...ids].sort()).toEqual([...made].sort());
      const emails = pages.flat().map((u) => u.email);
      expect(emails).toEqual([...emails].sort());
    });

    it('walks the whole list two at a time with every user exactly once', async () => {
      const paged = (await listAll(superadmin.bearer, '', 2)).map((u) => u.id);
      const all = await t.dataSource.query<{ id: string }[]>('SELECT id FROM app_user');
      expect(new Set(paged).size).toBe(paged.length);
      expect([...paged].sort()).toEqual(all.map((row) => row.id).sort());
    });

    it('ends with nextCursor null when the last page is exactly full', async () => {
      const marker = `full${Math.random().toString(36).slice(2, 8)}`;
      for (let i = 0; i < 4; i += 1) await makeUser(t.dataSource, 'SUPERADMIN', {}, { name: `Full ${marker}` });
      const first = (await get(superadmin.bearer, `?q=${marker}&limit=2`).expect(200)).body as PageBody<UserBody>;
      expect(first.data).toHaveLength(2);
      expect(first.nextCursor).not.toBeNull();
      const second = (await get(superadmin.bearer, `?q=${marker}&limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`).expect(200))
        .body as PageBody<UserBody>;
      expect(second.data).toHaveLength(2);
      expect(second.nextCursor).toBeNull();
    });

    it.each([
      ['garbage', 'this-is-not-a-cursor'],
      ['a JSON number', Buffer.from('42').toString('base64url')],
      ['the wrong shape', Buffer.from(JSON.stringify([1, 2])).toString('base64url')],
      ['a non-UUID id', Buffer.from(JSON.stringify(['a@example.test', 'not-a-uuid'])).toString('base64url')],
      ['too long', 'x'.repeat(600)],
    ])('refuses a cursor that is %s with 400', async (_label, cursor) => {
      const body = problem(await get(superadmin.bearer, `?limit=2&cursor=${encodeURIComponent(cursor)}`), 400, 'VALIDATION_FAILED');
      expect(body.errors?.map((e) => e.field)).toEqual(['cursor']);
    });
  });

  describe('what the console needs to manage accounts', () => {
    interface AssignableBody {
      roles: string[];
      kanwils: { id: string; code: string; name: string }[];
    }

    it('names the facility of each facility admin, in the list and on one user; null for the others', async () => {
      const one = userView(await get(regional.bearer, `/${kalselFacilityAdmin.user.id}`), 200);
      expect(one.facilityName).toBe(otherKalselFacility.name);
      const listed = await listAll(regional.bearer, `facilityId=${otherKalselFacility.id}`);
      expect(listed.map((u) => [u.id, u.facilityName])).toEqual([[kalselFacilityAdmin.user.id, otherKalselFacility.name]]);
      expect(userView(await get(regional.bearer, `/${peerRegional.user.id}`), 200).facilityName).toBeNull();
      const created = userView(
        await post(regional.bearer, { email: newEmail('named'), name: 'Admin Bernama', role: 'FACILITY_ADMIN', facilityId: kalselFacility.id, password: TEST_PASSWORD }),
        201,
      );
      expect(created.facilityName).toBe(kalselFacility.name);
    });

    it('filters by active=true|false, still within scope, and refuses another value with 400', async () => {
      const target = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility: kalselFacility });
      userView(await patch(regional.bearer, target.user.id, { active: false }), 200);
      const inactive = await listAll(regional.bearer, 'active=false');
      expect(inactive.map((u) => u.id)).toContain(target.user.id);
      expect(inactive.filter((u) => u.active || u.kanwilId !== kalsel)).toEqual([]);
      const active = await listAll(regional.bearer, 'active=true');
      expect(active.map((u) => u.id)).not.toContain(target.user.id);
      expect(active.map((u) => u.id)).toContain(kalselFacilityAdmin.user.id);
      expect(active.filter((u) => !u.active)).toEqual([]);
      const baliInactive = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility: baliFacility });
      await t.dataSource.query('UPDATE app_user SET active = false WHERE id = $1', [baliInactive.user.id]);
      expect((await listAll(regional.bearer, 'active=false')).filter((u) => u.kanwilId !== kalsel)).toEqual([]);
      for (const value of ['yes', '1', '']) {
        const response = await get(regional.bearer, `?active=${value}`);
        expect({ value, status: response.status }).toEqual({ value, status: 400 });
      }
    });

    it('tells each role what it may assign: superadmin every role and Kanwil, a regional admin facility admins only', async () => {
      const national = (await get(superadmin.bearer, '/assignable').expect(200)).body as AssignableBody;
      expect(national.roles).toEqual(['SUPERADMIN', 'REGIONAL_ADMIN', 'FACILITY_ADMIN']);
      const all = await t.dataSource.query<{ id: string }[]>('SELECT id FROM kanwil');
      expect(national.kanwils.map((k) => k.id).sort()).toEqual(all.map((row) => row.id).sort());
      expect(national.kanwils.find((k) => k.id === kalsel)?.code).toBe('kalsel');

      const regionalView = (await get(regional.bearer, '/assignable').expect(200)).body as AssignableBody;
      expect(regionalView).toEqual({ roles: ['FACILITY_ADMIN'], kanwils: [] });
      problem(await get(facilityAdmin.bearer, '/assignable'), 403, 'FORBIDDEN');
      problem(await request(t.http).get('/api/v1/admin/users/assignable'), 401, 'UNAUTHENTICATED');
    });

    it('a facility a regional admin creates takes a facility admin from it, but not from another region (404), and no superadmin (403)', async () => {
      const made = await request(t.http)
        .post('/api/v1/admin/facilities')
        .set('Authorization', regional.bearer)
        .send({ type: 'LAPAS', facilityClass: 'III', name: 'Lapas Kelas III Uji Kelola', shortName: `Lapas Uji ${sequence}${Math.random().toString(36).slice(2, 6)}`, provinceCode: '63', address: { line: 'Jl. Uji No. 1', city: 'Kotabaru' } })
        .expect(201);
      const facilityId = (made.body as { id: string }).id;
      const email = newEmail('new-unit');
      const created = userView(await post(regional.bearer, { email, name: 'Admin Unit Baru', role: 'FACILITY_ADMIN', facilityId, password: TEST_PASSWORD }), 201);
      expect(created).toMatchObject({ role: 'FACILITY_ADMIN', facilityId, kanwilId: kalsel, facilityName: 'Lapas Kelas III Uji Kelola' });

      const baliBearer = `Bearer ${(await login(t.http, baliRegional.email)).accessToken}`;
      problem(await post(baliBearer, { email: newEmail('bali-try'), name: 'Dari Bali', role: 'FACILITY_ADMIN', facilityId, password: TEST_PASSWORD }), 404, 'NOT_FOUND');
      problem(await get(baliBearer, `/${created.id}`), 404, 'NOT_FOUND');
      problem(await patch(baliBearer, created.id, { active: false }), 404, 'NOT_FOUND');
      problem(await patch(baliBearer, created.id, { password: NEW_PASSWORD }), 404, 'NOT_FOUND');
      expect((await listAll(baliBearer, `facilityId=${facilityId}`)).map((u) => u.id)).toEqual([]);
      problem(await post(regional.bearer, { email: newEmail('sneaky'), name: 'Mau Jadi Super', role: 'SUPERADMIN', password: TEST_PASSWORD }), 403, 'FORBIDDEN');
      expect((await login(t.http, email)).accessToken).toEqual(expect.any(String));
    });
  });
});
