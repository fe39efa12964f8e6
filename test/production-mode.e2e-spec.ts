import request from 'supertest';
import { DEMO_PASSWORD, DemoSeeder } from '../src/seed/demo-seeder';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

const login = (t: TestApp, email: string, password: string): request.Test => request(t.http).post('/api/v1/auth/login').send({ email, password });

describe('production mode', () => {
  describe('API docs', () => {
    let hidden: TestApp;
    let shown: TestApp;
    beforeAll(async () => {
      hidden = await startTestApp({ NODE_ENV: 'production' });
      shown = await startTestApp({ NODE_ENV: 'production', API_DOCS_ENABLED: 'true' });
    });
    afterAll(async () => {
      await hidden.close();
      await shown.close();
    });

    it('does not serve /docs by default', async () => {
      for (const path of ['/docs', '/docs/openapi.json']) {
        const response = await request(hidden.http).get(path).expect(404);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    });

    it('serves /docs when API_DOCS_ENABLED=true', async () => {
      expect((await request(shown.http).get('/docs/openapi.json').expect(200)).body).toMatchObject({ openapi: expect.stringMatching(/^3\./) as string });
      await request(shown.http).get('/docs').expect(200).expect('content-type', /html/);
    });
  });

  describe('forced demo seeding', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ NODE_ENV: 'production', SEED_DEMO: 'true', SEED_DEMO_FORCE: 'true' });
    });
    afterAll(() => t.close());

    it('gives each demo account its own random password, returned once; the published one does not sign in', async () => {
      const seeded = await t.app.get(DemoSeeder).seedIfEmpty();
      expect(seeded?.randomPasswords).toBe(true);
      const accounts = seeded?.accounts ?? [];
      expect(accounts.map((a) => a.role).sort()).toEqual(['FACILITY_ADMIN', 'REGIONAL_ADMIN', 'SUPERADMIN']);
      expect(new Set(accounts.map((a) => a.password)).size).toBe(accounts.length);
      for (const account of accounts) {
        expect(account.password).not.toBe(DEMO_PASSWORD);
        expect(account.password.length).toBeGreaterThanOrEqual(20);
        await login(t, account.email, DEMO_PASSWORD).expect(401);
        await login(t, account.email, account.password).expect(200);
      }
      // Only a hash is kept: nothing in the database holds the password in clear.
      const [stored] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM app_user WHERE password_hash = ANY($1)', [accounts.map((a) => a.password)]);
      expect(stored?.n).toBe(0);
      expect(await t.app.get(DemoSeeder).seedIfEmpty()).toBeNull();
    });
  });
});
