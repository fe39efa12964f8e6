import request from 'supertest';
import type { AuditEventView } from '../src/audit/audit-event.view';
import type { Problem } from '../src/common/errors/problem';
import type { Page } from '../src/common/pagination/cursor';
import type { Facility } from '../src/facilities/facility.entity';
import type { FacilityAdminView, FacilityView } from '../src/facilities/facility.views';
import { makeFacility, MadeUser, signedInAs, Tokens } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type SignedIn = MadeUser & Tokens & { bearer: string };

const LOGIN = '/api/v1/auth/login';
const ADMIN = '/api/v1/admin/facilities';
const PUBLIC = '/api/v1/facilities';

/** Every refusal of bad input: a 4xx problem+json with the fields the contract promises. */
function expectClientProblem(response: request.Response, status?: number, code?: string): Problem {
  const problem = response.body as Problem;
  // Status and body together, so a failure shows what the server actually said.
  expect({ status: response.status, code: problem.code }).toEqual({
    status: status ?? expect.any(Number),
    code: code ?? expect.any(String),
  });
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(problem.status).toBe(response.status);
  for (const key of ['type', 'title', 'detail', 'code'] as const) {
    expect(typeof problem[key]).toBe('string');
    expect(problem[key].length).toBeGreaterThan(0);
  }
  expect(problem.code).not.toBe('INTERNAL');
  return problem;
}

function fieldsOf(problem: Problem): string[] {
  return (problem.errors ?? []).map((e) => e.field);
}

function validFacilityBody(): Record<string, unknown> {
  const tag = Math.random().toString(36).slice(2, 8);
  return {
    type: 'LAPAS',
    facilityClass: 'IIA',
    name: `Lapas Kelas IIA Masukan ${tag}`,
    shortName: `Lapas Masukan ${tag}`,
    provinceCode: '63',
    address: { line: 'Jl. Pramuka No. 12', city: 'Banjarmasin' },
  };
}

describe('bad input never gets a 500', () => {
  let t: TestApp;
  let superadmin: SignedIn;
  let facility: Facility;

  beforeAll(async () => {
    t = await startTestApp();
    facility = await makeFacility(t.dataSource, { name: 'Lapas Kelas IIA Banjarmasin', shortName: 'Lapas Banjarmasin' });
    superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
  });
  afterAll(() => t.close());

  /** A raw body, sent exactly as given. */
  function raw(method: 'post' | 'patch', path: string, body: string | Buffer, contentType = 'application/json', auth = true): request.Test {
    const test = request(t.http)[method](path).set('Content-Type', contentType);
    if (auth) test.set('Authorization', superadmin.bearer);
    return test.send(body);
  }

  const createFacility = (body: unknown): request.Test =>
    request(t.http).post(ADMIN).set('Authorization', superadmin.bearer).send(body as object);
  const patchFacility = (body: unknown): request.Test =>
    request(t.http).patch(`${ADMIN}/${facility.id}`).set('Authorization', superadmin.bearer).send(body as object);

  async function facilityCount(): Promise<number> {
    const [row] = await t.dataSource.query<{ count: number }[]>('SELECT count(*)::int AS count FROM facility');
    return row?.count ?? -1;
  }

  describe('malformed JSON', () => {
    it.each([
      ['truncated', '{"email": "a@example.test", "password": '],
      ['single quotes', "{'email': 'a@example.test'}"],
      ['trailing comma', '{"email": "a@example.test",}'],
      ['bare word', 'hello'],
      ['comment', '{"email": "a@example.test" /* hi */}'],
      ['NaN literal', '{"email": NaN}'],
      ['a BOM and garbage', '\ufeff{]'],
    ])('refuses a %s body with 400 VALIDATION_FAILED', async (_label, body) => {
      expectClientProblem(await raw('post', LOGIN, body, 'application/json', false), 400, 'VALIDATION_FAILED');
      expectClientProblem(await raw('post', ADMIN, body), 400, 'VALIDATION_FAILED');
      expectClientProblem(await raw('patch', `${ADMIN}/${facility.id}`, body), 400, 'VALIDATION_FAILED');
    });

    it('refuses malformed JSON even before authentication', async () => {
      expectClientProblem(await raw('post', ADMIN, '{"name":', 'application/json', false), 400, 'VALIDATION_FAILED');
    });
  });

  describe('JSON that is not an object', () => {
    it.each([
      ['an empty array', '[]'],
      ['an array of the right object', '[{"email":"a@example.test","password":"x"}]'],
      ['a string', '"a@example.test"'],
      ['null', 'null'],
      ['a number', '42'],
      ['true', 'true'],
    ])('refuses %s as the body with 400', async (_label, body) => {
      expectClientProblem(await raw('post', LOGIN, body, 'application/json', false), 400, 'VALIDATION_FAILED');
      expectClientProblem(await raw('post', ADMIN, body), 400, 'VALIDATION_FAILED');
      expectClientProblem(await raw('patch', `${ADMIN}/${facility.id}`, body), 400, 'VALIDATION_FAILED');
    });

    it('refuses an empty body as a missing object (400), not a crash', async () => {
      const problem = expectClientProblem(await raw('post', LOGIN, '', 'application/json', false), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(problem)).toEqual(expect.arrayContaining(['email', 'password']));
      expectClientProblem(await request(t.http).post(ADMIN).set('Authorization', superadmin.bearer), 400, 'VALIDATION_FAILED');
    });
  });

  describe('wrong types', () => {
    it.each<[string, Record<string, unknown>, string]>([
      ['email as a number', { email: 123, password: 'x' }, 'email'],
      ['email as an array', { email: ['a@example.test'], password: 'x' }, 'email'],
      ['email as an object', { email: { $ne: null }, password: 'x' }, 'email'],
      ['password as a boolean', { email: 'a@example.test', password: true }, 'password'],
      ['password as an object', { email: 'a@example.test', password: { $gt: '' } }, 'password'],
      ['password as null', { email: 'a@example.test', password: null }, 'password'],
    ])('login refuses %s with 400 naming the field', async (_label, body, field) => {
      const problem = expectClientProblem(await request(t.http).post(LOGIN).send(body), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(problem)).toContain(field);
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['name as a number', { name: 12345 }, 'name'],
      ['type as a number', { type: 1 }, 'type'],
      ['provinceCode as a number', { provinceCode: 63 }, 'provinceCode'],
      ['address as a string', { address: 'Jl. Pramuka No. 12, Banjarmasin' }, 'address'],
      ['address as an array', { address: [{ line: 'Jl. Pramuka', city: 'Banjarmasin' }] }, 'address'],
      ['address as null', { address: null }, 'address'],
      ['city as a number', { address: { line: 'Jl. Pramuka No. 12', city: 7 } }, 'address.city'],
      ['shipping as a string', { shipping: 'gratis' }, 'shipping'],
      ['baseFee as a numeric string', { shipping: { baseFee: '10000' } }, 'shipping.baseFee'],
      ['baseFee as null', { shipping: { baseFee: null } }, 'shipping.baseFee'],
      ['baseFee above the maximum', { shipping: { baseFee: 10_000_001 } }, 'shipping.baseFee'],
      ['couriers as null', { shipping: { couriers: null } }, 'shipping.couriers'],
      ['description as null', { description: null }, 'description'],
      ['kind as null', { kind: null }, 'kind'],
      ['slug as null', { slug: null }, 'slug'],
      ['couriers as a string', { shipping: { couriers: 'JNE' } }, 'shipping.couriers'],
      ['couriers holding objects', { shipping: { couriers: [{ name: 'JNE' }] } }, 'shipping.couriers'],
      ['localDelivery as a string', { shipping: { localDelivery: 'yes' } }, 'shipping.localDelivery'],
      ['location as a string', { location: '-3.3,114.6' }, 'location'],
      ['latitude as text', { location: { latitude: 'south', longitude: 114.6 } }, 'location.latitude'],
      ['pickupAvailable as a number', { outlet: { pickupAvailable: 1 } }, 'outlet.pickupAvailable'],
      ['description as an object', { description: { text: 'x' } }, 'description'],
    ])('create refuses %s with 400 naming the field', async (_label, override, field) => {
      const before = await facilityCount();
      const problem = expectClientProblem(await createFacility({ ...validFacilityBody(), ...override }), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(problem)).toContain(field);
      expect(await facilityCount()).toBe(before);
    });

    it.each([
      ['a huge exponent', '1e400'],
      ['an integer beyond double precision', '9007199254740993'],
      ['a negative zero with exponent', '-0e-0'],
    ])('create refuses a baseFee written as %s without a 5xx', async (_label, literal) => {
      const body = JSON.stringify({ ...validFacilityBody(), shipping: { baseFee: 0 } }).replace('"baseFee":0', `"baseFee":${literal}`);
      const response = await raw('post', ADMIN, body);
      if (literal === '-0e-0') {
        expect(response.status).toBe(201);
      } else {
        expect(fieldsOf(expectClientProblem(response, 400, 'VALIDATION_FAILED'))).toContain('shipping.baseFee');
      }
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['active as null', { active: null }, 'active'],
      ['name as null', { name: null }, 'name'],
      ['type as null', { type: null }, 'type'],
      ['slug as null', { slug: null }, 'slug'],
      ['kind as null', { kind: null }, 'kind'],
      ['description as null', { description: null }, 'description'],
      ['address.line as null', { address: { line: null } }, 'address.line'],
      ['shipping.localDelivery as null', { shipping: { localDelivery: null } }, 'shipping.localDelivery'],
      ['outlet.pickupAvailable as null', { outlet: { pickupAvailable: null } }, 'outlet.pickupAvailable'],
      ['active as a string', { active: 'true' }, 'active'],
      ['active as a number', { active: 0 }, 'active'],
      ['address.city as null', { address: { city: null } }, 'address.city'],
      ['shipping.perKgFee as a float', { shipping: { perKgFee: 0.5 } }, 'shipping.perKgFee'],
    ])('patch refuses %s with 400 naming the field', async (_label, body, field) => {
      const problem = expectClientProblem(await patchFacility(body), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(problem)).toContain(field);
    });

    it('patch takes null where the field may be empty: postal code, contact, outlet texts, location', async () => {
      const response = await patchFacility({
        address: { postalCode: null },
        contact: { phone: null, email: null },
        outlet: { name: null },
        location: null,
      }).expect(200);
      const view = response.body as FacilityAdminView;
      expect(view.address.postalCode).toBeNull();
      expect(view.contact).toEqual({ phone: null, email: null });
      expect(view.location).toBeNull();
    });
  });

  describe('unknown fields', () => {
    it('are refused at the top level of a login, naming them', async () => {
      const problem = expectClientProblem(
        await request(t.http).post(LOGIN).send({ email: superadmin.email, password: superadmin.password, rememberMe: true }),
        400,
        'VALIDATION_FAILED',
      );
      expect(fieldsOf(problem)).toEqual(['rememberMe']);
    });

    it.each(['__proto__', 'constructor', 'role'])('are refused when named %j', async (key) => {
      const body = `{"email":${JSON.stringify(superadmin.email)},"password":${JSON.stringify(superadmin.password)},${JSON.stringify(key)}:{"role":"SUPERADMIN"}}`;
      const response = await raw('post', LOGIN, body, 'application/json', false);
      expectClientProblem(response, 400, 'VALIDATION_FAILED');
    });

    it('are refused at the top level and nested in a facility', async () => {
      const top = expectClientProblem(await createFacility({ ...validFacilityBody(), id: facility.id }), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(top)).toContain('id');
      const nested = expectClientProblem(
        await createFacility({ ...validFacilityBody(), outlet: { name: 'Galeri', hours: '08-15' } }),
        400,
        'VALIDATION_FAILED',
      );
      expect(fieldsOf(nested)).toContain('outlet.hours');
      const deep = expectClientProblem(await patchFacility({ location: { latitude: 1, longitude: 2, altitude: 3 } }), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(deep)).toContain('location.altitude');
      const several = expectClientProblem(await patchFacility({ version: 9, createdAt: '2020-01-01', contact: { fax: '1' } }), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(several)).toEqual(expect.arrayContaining(['version', 'createdAt', 'contact.fax']));
    });

    it('are refused in the query string', async () => {
      const problem = expectClientProblem(await request(t.http).get(PUBLIC).query({ sort: 'name' }), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(problem)).toContain('sort');
      expectClientProblem(await request(t.http).get(ADMIN).set('Authorization', superadmin.bearer).query({ kanwilId: 'x' }), 400, 'VALIDATION_FAILED');
    });
  });

  describe('path parameters', () => {
    it.each([
      'not-a-uuid',
      '123',
      '00000000-0000-4000-8000-00000000000',
      '00000000-0000-4000-8000-0000000000000',
      '00000000000040008000000000000000x',
      encodeURIComponent("' OR 1=1 --"),
      encodeURIComponent('{"$ne":null}'),
      '%F0%9F%98%80',
    ])('refuses the facility id %j with 400 naming id', async (id) => {
      for (const response of [
        await request(t.http).get(`${ADMIN}/${id}`).set('Authorization', superadmin.bearer),
        await request(t.http).patch(`${ADMIN}/${id}`).set('Authorization', superadmin.bearer).send({ description: 'x' }),
        await request(t.http).get(`${ADMIN}/${id}/revenue-split-rules`).set('Authorization', superadmin.bearer),
        await request(t.http)
          .post(`${ADMIN}/${id}/revenue-split-rules`)
          .set('Authorization', superadmin.bearer)
          .send({ effectiveFrom: '2099-01-01', premiPercent: 50, pnbpPercent: 15, capitalPercent: 35 }),
      ]) {
        const problem = expectClientProblem(response, 400, 'VALIDATION_FAILED');
        expect(fieldsOf(problem)).toContain('id');
      }
    });

    it('refuses a path segment that is not valid percent-encoding with a 400, not a 500', async () => {
      expectClientProblem(await request(t.http).get(`${PUBLIC}/%E0%A4%A`), 400);
      expectClientProblem(await request(t.http).get(`${ADMIN}/%ZZ`).set('Authorization', superadmin.bearer), 400);
    });
  });

  describe('body size', () => {
    it('refuses a body over the default limit with 413 PAYLOAD_TOO_LARGE', async () => {
      const big = JSON.stringify({ ...validFacilityBody(), description: 'x'.repeat(1024 * 1024 + 10) });
      expectClientProblem(await raw('post', ADMIN, big), 413, 'PAYLOAD_TOO_LARGE');
      expectClientProblem(await raw('post', LOGIN, JSON.stringify({ email: 'a@example.test', password: 'p'.repeat(1_100_000) }), 'application/json', false), 413, 'PAYLOAD_TOO_LARGE');
    });

    it('still validates a large body under the limit (400 for a too-long description, not 413)', async () => {
      // Under the default BODY_LIMIT (64kb), over the description's 5,000 characters.
      const body = JSON.stringify({ ...validFacilityBody(), description: 'x'.repeat(40 * 1024) });
      const problem = expectClientProblem(await raw('post', ADMIN, body), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(problem)).toContain('description');
    });

    describe('with BODY_LIMIT=1kb', () => {
      let small: TestApp;
      let smallAdmin: SignedIn;
      beforeAll(async () => {
        small = await startTestApp({ BODY_LIMIT: '1kb' });
        smallAdmin = await signedInAs(small.http, small.dataSource, 'SUPERADMIN');
      });
      afterAll(() => small.close());

      it('refuses a 2 kB body with 413 and accepts one under 1 kB', async () => {
        const over = JSON.stringify({ ...validFacilityBody(), description: 'x'.repeat(2048) });
        const response = await request(small.http).post(ADMIN).set('Authorization', smallAdmin.bearer).set('Content-Type', 'application/json').send(over);
        expectClientProblem(response, 413, 'PAYLOAD_TOO_LARGE');
        const under = JSON.stringify({ ...validFacilityBody(), description: 'x'.repeat(200) });
        expect(Buffer.byteLength(under)).toBeLessThan(1024);
        await request(small.http).post(ADMIN).set('Authorization', smallAdmin.bearer).set('Content-Type', 'application/json').send(under).expect(201);
      });

      it('refuses an oversize login body before looking at it', async () => {
        const response = await request(small.http)
          .post(LOGIN)
          .send({ email: smallAdmin.email, password: 'p'.repeat(1500) });
        expectClientProblem(response, 413, 'PAYLOAD_TOO_LARGE');
      });
    });
  });

  describe('content type and charset', () => {
    it('answers a text/plain body to a JSON endpoint with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
      const body = JSON.stringify({ email: superadmin.email, password: superadmin.password });
      const login = await raw('post', LOGIN, body, 'text/plain', false);
      expectClientProblem(login);
      expect([login.status, (login.body as { code: string }).code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      const create = await raw('post', ADMIN, JSON.stringify(validFacilityBody()), 'text/plain');
      expectClientProblem(create);
      expect([create.status, (create.body as { code: string }).code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    });

    it.each([
      ['form-encoded', 'application/x-www-form-urlencoded', 'email=a%40example.test&password=x'],
      ['XML', 'application/xml', '<login><email>a@example.test</email></login>'],
      ['multipart', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\na@example.test\r\n--x--\r\n'],
      ['octet-stream', 'application/octet-stream', '\u0000\u0001\u0002'],
    ])('answers a %s body with a 4xx', async (_label, contentType, body) => {
      const response = await raw('post', LOGIN, body, contentType, false);
      const problem = expectClientProblem(response);
      expect([400, 415]).toContain(problem.status);
    });

    it.each(['latin1', 'iso-8859-1', 'windows-1252', 'klingon'])('refuses charset=%s with 415 UNSUPPORTED_MEDIA_TYPE', async (charset) => {
      const body = JSON.stringify({ email: 'a@example.test', password: 'x' });
      expectClientProblem(await raw('post', LOGIN, body, `application/json; charset=${charset}`, false), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectClientProblem(await raw('post', ADMIN, JSON.stringify(validFacilityBody()), `application/json; charset=${charset}`), 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('accepts an explicit utf-8 charset', async () => {
      const body = JSON.stringify({ email: superadmin.email, password: superadmin.password });
      await raw('post', LOGIN, body, 'application/json; charset=utf-8', false).expect(200);
      await raw('post', LOGIN, body, 'application/json; charset=UTF-8', false).expect(200);
    });

    it('refuses an unsupported Content-Encoding with 415, and a corrupt gzip body with a 4xx', async () => {
      const body = JSON.stringify({ email: 'a@example.test', password: 'x' });
      const brotliLike = await request(t.http).post(LOGIN).set('Content-Type', 'application/json').set('Content-Encoding', 'x-unknown').send(body);
      expectClientProblem(brotliLike, 415, 'UNSUPPORTED_MEDIA_TYPE');
      const corrupt = await request(t.http).post(LOGIN).set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send(body);
      expectClientProblem(corrupt);
    });
  });

  describe('query strings', () => {
    it('refuses a very long q with 400, and a very long unknown parameter too', async () => {
      const problem = expectClientProblem(await request(t.http).get(PUBLIC).query({ q: 'a'.repeat(8000) }), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(problem)).toContain('q');
      expectClientProblem(await request(t.http).get(PUBLIC).query({ region: 'r'.repeat(8000) }), 400, 'VALIDATION_FAILED');
      expectClientProblem(await request(t.http).get(PUBLIC).query({ cursor: 'c'.repeat(8000) }), 400, 'VALIDATION_FAILED');
      expectClientProblem(await request(t.http).get(PUBLIC).query({ ['x'.repeat(4000)]: 'y' }), 400, 'VALIDATION_FAILED');
    });

    it('refuses hundreds of parameters with 400', async () => {
      const many = Array.from({ length: 1500 }, (_, i) => `p${i}=${i}`).join('&');
      expectClientProblem(await request(t.http).get(`${PUBLIC}?${many}`), 400, 'VALIDATION_FAILED');
    });

    it('answers a request line over the HTTP header limit with 431, not a 5xx', async () => {
      // Node refuses it before Express runs, so this one cannot be problem+json.
      const response = await request(t.http).get(PUBLIC).query({ q: 'a'.repeat(20_000) });
      expect(response.status).toBe(431);
    });

    it.each([
      ['type', 'type=LAPAS&type=RUTAN'],
      ['limit', 'limit=1&limit=2'],
      ['q', 'q=banjar&q=masin'],
      ['region', 'region=63&region=64'],
      ['cursor', 'cursor=a&cursor=b'],
      ['type', 'type[]=LAPAS'],
      ['q', 'q[$ne]=x'],
    ])('refuses a repeated or structured %s parameter with 400', async (field, query) => {
      const response = await request(t.http).get(`${PUBLIC}?${query}`);
      const problem = expectClientProblem(response, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(problem).some((f) => f === field || f.startsWith(`${field}[`))).toBe(true);
    });

    it('refuses repeated parameters on admin lists too', async () => {
      expectClientProblem(
        await request(t.http).get(`${ADMIN}?active=true&active=false`).set('Authorization', superadmin.bearer),
        400,
        'VALIDATION_FAILED',
      );
      expectClientProblem(
        await request(t.http).get('/api/v1/admin/audit-events?limit=5&limit=6').set('Authorization', superadmin.bearer),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('answers a query that is not valid percent-encoding without a 5xx', async () => {
      // The query parser keeps an undecodable value as it came: it is just text that matches nothing.
      const response = await request(t.http).get(`${PUBLIC}?q=%E0%A4%A`).expect(200);
      expect(response.body as Page<FacilityView>).toEqual({ data: [], nextCursor: null });
    });
  });

  describe('unicode and SQL-ish text in q', () => {
    it.each([
      "' OR 1=1 --",
      "'; DROP TABLE facility; --",
      'Robert"); DELETE FROM facility; --',
      '%',
      '_',
      '\\',
      '\\%',
      "$1",
      '::uuid',
      '😀🙈',
      'مرحبا',
      'e\u0301',
      '\u202eniamsajnab',
      '漢字',
      '\ufffd',
    ])('answers q=%j with an empty list, and the table survives', async (q) => {
      const response = await request(t.http).get(PUBLIC).query({ q }).expect(200);
      expect(response.body as Page<FacilityView>).toEqual({ data: [], nextCursor: null });
      expect(await facilityCount()).toBeGreaterThan(0);
    });

    it('matches real text next to odd characters', async () => {
      const response = await request(t.http).get(PUBLIC).query({ q: 'iia banjarmasin' }).expect(200);
      expect((response.body as Page<FacilityView>).data.map((f) => f.id)).toEqual([facility.id]);
    });

    it('refuses a NUL character in q with 400, not 500', async () => {
      expectClientProblem(await request(t.http).get(PUBLIC).query({ q: 'banjar\u0000' }), 400, 'VALIDATION_FAILED');
      expectClientProblem(await request(t.http).get(`${PUBLIC}?q=%00`), 400, 'VALIDATION_FAILED');
    });

    it('stores unicode in a body, and refuses NUL characters there with 400', async () => {
      const created = await createFacility({ ...validFacilityBody(), description: 'Kerajinan purun 🌾 — "sasirangan" \'asli\'' }).expect(201);
      expect((created.body as FacilityAdminView).description).toBe('Kerajinan purun 🌾 — "sasirangan" \'asli\'');
      const before = await facilityCount();
      expectClientProblem(await createFacility({ ...validFacilityBody(), description: 'nul\u0000byte' }), 400, 'VALIDATION_FAILED');
      expectClientProblem(await patchFacility({ description: '\u0000' }), 400, 'VALIDATION_FAILED');
      expect(await facilityCount()).toBe(before);
    });

    it('stores a lone surrogate in a JSON string as U+FFFD, in the facility and in its audit event', async () => {
      const response = await raw('post', ADMIN, JSON.stringify(validFacilityBody()).replace('"Jl. Pramuka No. 12"', '"Jl. \\ud800 Pramuka"'));
      expect(response.status).toBe(201);
      const view = response.body as FacilityAdminView;
      expect(view.address.line).toBe('Jl. \ufffd Pramuka');
      const audit = await request(t.http)
        .get('/api/v1/admin/audit-events')
        .set('Authorization', superadmin.bearer)
        .query({ entityId: view.id })
        .expect(200);
      const [event] = (audit.body as Page<AuditEventView>).data;
      expect(event?.changes.address).toEqual({ from: null, to: 'Jl. \ufffd Pramuka' });
    });

    it('survives deeply nested JSON', async () => {
      const depth = 5000;
      const body = `{"email":"a@example.test","password":"x","extra":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      expectClientProblem(await raw('post', LOGIN, body, 'application/json', false), 400, 'VALIDATION_FAILED');
      const nested = `${JSON.stringify(validFacilityBody()).slice(0, -1)},"shipping":{"couriers":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
      expectClientProblem(await raw('post', ADMIN, nested), 400, 'VALIDATION_FAILED');
    });
  });
});
