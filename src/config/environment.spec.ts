import { AppConfig } from './app-config';
import { ConfigError, parseEnvironment } from './environment';

const SECRET = 'x'.repeat(40);

describe('parseEnvironment', () => {
  it('applies defaults for an empty environment (embedded mode)', () => {
    const config = new AppConfig(parseEnvironment({}), { jwtSecret: SECRET });
    expect(config.port).toBe(3000);
    expect(config.embeddedDatabase).toBe(true);
    expect(config.seedDemo).toBe(true);
    expect(config.migrationsRun).toBe(true);
    expect(config.logLevel).toBe('info');
    expect(config.dataDir).toMatch(/\.data$/);
    expect(config.corsOrigins).toEqual([]);
  });

  it('does not seed demo data into an external database unless asked', () => {
    const external = { DATABASE_URL: 'postgres://u@db:5432/etalase', JWT_SECRET: SECRET };
    expect(new AppConfig(parseEnvironment(external), { jwtSecret: SECRET }).seedDemo).toBe(false);
    expect(new AppConfig(parseEnvironment({ ...external, SEED_DEMO: 'true' }), { jwtSecret: SECRET }).seedDemo).toBe(true);
  });

  describe('in production', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u@db:5432/etalase', JWT_SECRET: SECRET };

    it('refuses to start with demo seeding (the published password) unless forced', () => {
      for (const env of [{ ...production, SEED_DEMO: 'true' }, { ...production, SEED_DEMO: 'true', SEED_DEMO_FORCE: 'false' }, { NODE_ENV: 'production', SEED_DEMO: 'true' }]) {
        expect(() => parseEnvironment(env)).toThrow(ConfigError);
        expect(() => parseEnvironment(env)).toThrow(/^Invalid configuration: SEED_DEMO is refused with NODE_ENV=production: unset it, or also set SEED_DEMO_FORCE=true/);
      }
    });

    it('seeds nothing by default, even on the embedded database, and forced demo accounts get random passwords', () => {
      expect(new AppConfig(parseEnvironment({ NODE_ENV: 'production' }), { jwtSecret: SECRET }).seedDemo).toBe(false);
      expect(new AppConfig(parseEnvironment(production), { jwtSecret: SECRET }).seedDemo).toBe(false);
      const forced = new AppConfig(parseEnvironment({ ...production, SEED_DEMO: 'true', SEED_DEMO_FORCE: 'true' }), { jwtSecret: SECRET });
      expect({ seedDemo: forced.seedDemo, demoPasswords: forced.demoPasswords }).toEqual({ seedDemo: true, demoPasswords: 'random' });
      expect(new AppConfig(parseEnvironment({}), { jwtSecret: SECRET }).demoPasswords).toBe('published');
    });

    it('turns /docs off by default, on when asked; elsewhere on by default', () => {
      expect(new AppConfig(parseEnvironment(production), { jwtSecret: SECRET }).apiDocsEnabled).toBe(false);
      expect(new AppConfig(parseEnvironment({ ...production, API_DOCS_ENABLED: 'true' }), { jwtSecret: SECRET }).apiDocsEnabled).toBe(true);
      expect(new AppConfig(parseEnvironment({}), { jwtSecret: SECRET }).apiDocsEnabled).toBe(true);
      expect(new AppConfig(parseEnvironment({ API_DOCS_ENABLED: 'off' }), { jwtSecret: SECRET }).apiDocsEnabled).toBe(false);
    });
  });

  it('limits slow senders: headers 20 s, JSON bodies 30 s, uploads 300 s unless set', () => {
    expect(new AppConfig(parseEnvironment({}), { jwtSecret: SECRET }).httpTimeouts).toEqual({ headersMs: 20_000, bodyMs: 30_000, uploadBodyMs: 300_000 });
    const set = parseEnvironment({ HTTP_HEADERS_TIMEOUT_SECONDS: '5', HTTP_BODY_TIMEOUT_SECONDS: '10', UPLOAD_BODY_TIMEOUT_SECONDS: '900' });
    expect(new AppConfig(set, { jwtSecret: SECRET }).httpTimeouts).toEqual({ headersMs: 5_000, bodyMs: 10_000, uploadBodyMs: 900_000 });
    expect(() => parseEnvironment({ HTTP_BODY_TIMEOUT_SECONDS: '0' })).toThrow(/^Invalid configuration: HTTP_BODY_TIMEOUT_SECONDS /);
  });

  it('parses numbers, booleans and lists', () => {
    const env = parseEnvironment({ PORT: '8080', MIGRATIONS_RUN: 'false', CORS_ORIGINS: 'https://a.id, https://b.id', TRUST_PROXY: '1' });
    const config = new AppConfig(env, { jwtSecret: SECRET });
    expect(config.port).toBe(8080);
    expect(config.migrationsRun).toBe(false);
    expect(config.corsOrigins).toEqual(['https://a.id', 'https://b.id']);
    expect(config.trustProxy).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, /^Invalid configuration: PORT /],
    [{ PORT: '70000' }, /^Invalid configuration: PORT /],
    [{ DATABASE_URL: 'mysql://x' }, /^Invalid configuration: DATABASE_URL must be a postgres/],
    [{ DATABASE_URL: 'postgres://u@h/db' }, /^Invalid configuration: JWT_SECRET is required when DATABASE_URL is set/],
    [{ DATABASE_URL: 'postgres://u@h/db', JWT_SECRET: 'short' }, /^Invalid configuration: JWT_SECRET must be at least 32/],
    [{ SEED_DEMO: 'maybe' }, /^Invalid configuration: SEED_DEMO must be true or false/],
    [{ LOG_LEVEL: 'loud' }, /^Invalid configuration: LOG_LEVEL /],
    [{ BODY_LIMIT: 'huge' }, /^Invalid configuration: BODY_LIMIT /],
    [{ BODY_LIMIT_LARGE: '1gb' }, /^Invalid configuration: BODY_LIMIT_LARGE /],
    [{ SEED_DEMO_FORCE: 'please' }, /^Invalid configuration: SEED_DEMO_FORCE must be true or false/],
    [{ API_DOCS_ENABLED: 'sometimes' }, /^Invalid configuration: API_DOCS_ENABLED must be true or false/],
    [{ CORS_ORIGINS: 'https://toko.example, https://toko.example/' }, /^Invalid configuration: CORS_ORIGINS must list exact origins .*; not https:\/\/toko\.example\/$/],
  ])('stops with one line naming the variable for %j', (env, message) => {
    expect(() => parseEnvironment(env)).toThrow(ConfigError);
    expect(() => parseEnvironment(env)).toThrow(message);
  });

  it('limits JSON bodies to 64kb, and to 512kb on the routes that carry long text, unless configured', () => {
    expect(new AppConfig(parseEnvironment({}), { jwtSecret: SECRET })).toMatchObject({ bodyLimit: '64kb', bodyLimitLarge: '512kb' });
    const configured = parseEnvironment({ BODY_LIMIT: '32kb', BODY_LIMIT_LARGE: '2mb' });
    expect(new AppConfig(configured, { jwtSecret: SECRET })).toMatchObject({ bodyLimit: '32kb', bodyLimitLarge: '2mb' });
  });

  it('ignores unrelated variables', () => {
    expect(() => parseEnvironment({ PATH: '/usr/bin', HOME: '/root', npm_config_x: 'y' })).not.toThrow();
  });
});

describe('Stripe configuration', () => {
  const STRIPE = { STRIPE_SECRET_KEY: 'sk_test_abc123', STRIPE_WEBHOOK_SECRET: 'whsec_abc123' };

  it('is absent without a secret key (the manual provider is used)', () => {
    expect(new AppConfig(parseEnvironment({}), { jwtSecret: SECRET }).stripe).toBeUndefined();
    expect(new AppConfig(parseEnvironment({ STRIPE_SECRET_KEY: '' }), { jwtSecret: SECRET }).stripe).toBeUndefined();
  });

  it('is set by a secret key and its webhook secret, with an optional API host', () => {
    expect(new AppConfig(parseEnvironment(STRIPE), { jwtSecret: SECRET }).stripe).toEqual({
      secretKey: 'sk_test_abc123',
      webhookSecret: 'whsec_abc123',
      apiUrl: undefined,
      checkoutOrigin: 'https://checkout.stripe.com',
    });
    const local = parseEnvironment({ ...STRIPE, STRIPE_API_URL: 'http://127.0.0.1:12111/' });
    expect(new AppConfig(local, { jwtSecret: SECRET }).stripe?.apiUrl).toBe('http://127.0.0.1:12111/');
    // A local fake hosts its own "checkout pages", which the website's CSP must let forms reach.
    expect(new AppConfig(local, { jwtSecret: SECRET }).stripe?.checkoutOrigin).toBe('http://127.0.0.1:12111');
  });

  it.each([
    [{ STRIPE_SECRET_KEY: 'sk_test_abc123' }, 'Invalid configuration: STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set'],
    [{ STRIPE_SECRET_KEY: 'sk_test_abc123', STRIPE_WEBHOOK_SECRET: '' }, 'Invalid configuration: STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set'],
    [{ ...STRIPE, STRIPE_WEBHOOK_SECRET: 'abc' }, 'Invalid configuration: STRIPE_WEBHOOK_SECRET must be a Stripe webhook signing secret (whsec_...)'],
    [{ ...STRIPE, STRIPE_SECRET_KEY: 'pk_test_abc' }, 'Invalid configuration: STRIPE_SECRET_KEY must be a Stripe secret key (sk_test_..., sk_live_... or rk_...)'],
    [{ ...STRIPE, STRIPE_API_URL: 'localhost:12111' }, 'Invalid configuration: STRIPE_API_URL must be an http(s) URL with no path, e.g. http://127.0.0.1:12111'],
  ])('stops with one clear line for %j', (env, message) => {
    expect(() => parseEnvironment(env)).toThrow(ConfigError);
    expect(() => parseEnvironment(env)).toThrow(message);
  });

  it('never echoes the secret key in the error', () => {
    const env = { STRIPE_SECRET_KEY: 'pk_live_supersecret', STRIPE_WEBHOOK_SECRET: 'whsec_abc123' };
    expect(() => parseEnvironment(env)).toThrow(/^Invalid configuration: STRIPE_SECRET_KEY /);
    expect(() => parseEnvironment(env)).not.toThrow(/supersecret/);
  });
});
