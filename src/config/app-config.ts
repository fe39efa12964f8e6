import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { unusableDirectory } from '../common/errors/startup-failure.js';
import { parseCorsOrigins } from './cors-origins.js';
import { ConfigError, Environment, LogFormat, LogLevel, NodeEnv, parseEnvironment } from './environment.js';

export interface S3Config {
  bucket: string;
  endpoint: string | undefined;
  region: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  forcePathStyle: boolean;
  publicUrl: string;
}

export interface MediaConfig {
  driver: 'local' | 's3';
  /** Where the local driver writes; served at `${publicBaseUrl}/media`. */
  uploadsDir: string;
  maxFilesPerRequest: number;
  maxFileBytes: number;
  s3: S3Config | undefined;
  /** The media sweep leaves files younger than this alone (an upload may still commit them). */
  sweepGraceMinutes: number;
}

export interface StripeConfig {
  secretKey: string;
  webhookSecret: string;
  /** Another API host (a local fake in tests); undefined means api.stripe.com. */
  apiUrl: string | undefined;
  /**
   * Where Stripe's hosted Checkout pages live, which the website's forms redirect to (CSP
   * form-action): checkout.stripe.com, or the local fake's own origin when apiUrl points at one.
   */
  checkoutOrigin: string;
}

/** The bank account shoppers transfer to when no card provider is configured (demo defaults). */
export interface ManualPaymentConfig {
  bankName: string;
  accountNumber: string;
  accountName: string;
}

export interface JobsConfig {
  /** Work queued jobs in this process (web-only replicas still send them). */
  workers: boolean;
}

export interface WebhooksConfig {
  /** Attempts per delivery (first try plus retries with exponential backoff and jitter). */
  maxAttempts: number;
  timeoutMs: number;
  /** HTTPS and public addresses only (loopback allowed outside production, for local receivers). */
  production: boolean;
}

export interface RateLimitConfig {
  /** Per client IP without an API key; 0 = off. Partners' quotas are per partner. */
  anonymousPerMinute: number;
  /** Counters in Redis instead of Postgres. */
  redisUrl: string | undefined;
}

export interface MailConfig {
  /** Undefined: e-mails are written to the log instead of sent. */
  smtpUrl: string | undefined;
  from: string;
}

/** How long a client may take to send a request; a slow sender must not hold a socket for minutes. */
export interface HttpTimeoutsConfig {
  headersMs: number;
  /** JSON and every other non-upload body, counted from the end of the headers. */
  bodyMs: number;
  /** Multipart uploads, on upload routes only. */
  uploadBodyMs: number;
}

export interface LoginThrottleConfig {
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  windowSeconds: number;
}

export interface ApiKeyThrottleConfig {
  /** Failed X-Api-Key attempts per client IP in one window before 429. */
  maxFailuresPerIp: number;
  windowSeconds: number;
}

/** What one client may hold and try at checkout (issue 12: stock hoarding). */
export interface CheckoutLimitsConfig {
  /** Units of one product per order when the product sets no limit of its own. */
  maxQuantityPerProduct: number;
  /** Minutes an anonymous order holds stock; partner orders hold for `orderTtlMinutes`. */
  anonymousTtlMinutes: number;
  maxUnpaidPerIp: number;
  maxUnpaidPerEmail: number;
  maxUnpaidPerPartner: number;
  maxAttemptsPerIp: number;
  maxAttemptsPerPartner: number;
  attemptsWindowSeconds: number;
}

/**
 * Typed, validated configuration. Code injects this; nothing else reads process.env.
 */
export class AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly port: number;
  readonly host: string;
  /** External database; absent means the embedded PostgreSQL in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly jwtSecret: string;
  readonly jwtAccessTtlSeconds: number;
  readonly refreshTokenTtlDays: number;
  readonly seedDemo: boolean;
  readonly migrationsRun: boolean;
  readonly logLevel: LogLevel;
  /** The exact origins allowed everything CORS can allow (`*` is not among them). */
  readonly corsOrigins: readonly string[];
  /** `*` was among CORS_ORIGINS: every other origin may read the public catalog too. */
  readonly corsAnyOriginMayRead: boolean;
  /** JSON body limit of every route that does not declare @LargeJsonBody. */
  readonly bodyLimit: string;
  /** JSON body limit of @LargeJsonBody routes (long text) and signed webhooks. */
  readonly bodyLimitLarge: string;
  readonly dbPoolSize: number;
  readonly shutdownTimeoutMs: number;
  readonly trustProxy: boolean;
  readonly loginThrottle: LoginThrottleConfig;
  /** Absolute URL clients reach this API at; media URLs are built on it. */
  readonly publicBaseUrl: string;
  /** Absolute URL of the showcase website (the same app serves it, so PUBLIC_BASE_URL unless set). */
  readonly webBaseUrl: string;
  readonly media: MediaConfig;
  /** Set when STRIPE_SECRET_KEY is: card/e-wallet payments through Stripe instead of manual transfer. */
  readonly stripe: StripeConfig | undefined;
  /** Minutes an unpaid order keeps its stock reserved. */
  readonly orderTtlMinutes: number;
  readonly jobs: JobsConfig;
  /** Showcase visit counting (VISIT_COUNTING): page views and daily unique visitors, no cookies. */
  readonly visitCounting: boolean;
  /** ATTRIBUTION_WINDOW_DAYS: how long a share-link visit counts towards an order (first and last touch). */
  readonly attributionWindowDays: number;
  readonly rateLimit: RateLimitConfig;
  readonly checkout: CheckoutLimitsConfig;
  readonly webhooks: WebhooksConfig;
  readonly mail: MailConfig;
  readonly manualPayment: ManualPaymentConfig;
  /** Upper bound, in seconds, on how long a revoked session's access token keeps working in another process. */
  readonly authSessionCacheSeconds: number;
  readonly apiKeyThrottle: ApiKeyThrottleConfig;
  /** Demo accounts get the published password, or (forced demo seeding in production) random ones. */
  readonly demoPasswords: 'published' | 'random';
  /** Serve Swagger UI and the OpenAPI document at /docs. */
  readonly apiDocsEnabled: boolean;
  readonly httpTimeouts: HttpTimeoutsConfig;
  /** `auto` picks readable lines when stdout is a terminal, JSON lines otherwise. */
  readonly logFormat: LogFormat;

  constructor(env: Environment, secrets: { jwtSecret: string }) {
    this.nodeEnv = env.NODE_ENV ?? 'development';
    this.port = env.PORT ?? 3000;
    this.host = env.HOST ?? '0.0.0.0';
    this.databaseUrl = env.DATABASE_URL;
    this.dataDir = absolute(env.DATA_DIR ?? '.data');
    this.jwtSecret = secrets.jwtSecret;
    this.jwtAccessTtlSeconds = env.JWT_ACCESS_TTL_SECONDS ?? 900;
    this.refreshTokenTtlDays = env.REFRESH_TOKEN_TTL_DAYS ?? 30;
    // Demo data only ever lands in the throwaway embedded database unless someone asks for it, and
    // never by default in production (asking there needs SEED_DEMO_FORCE, see Environment).
    this.seedDemo = env.SEED_DEMO ?? (env.DATABASE_URL === undefined && this.nodeEnv !== 'production');
    this.migrationsRun = env.MIGRATIONS_RUN ?? true;
    this.logLevel = env.LOG_LEVEL ?? 'info';
    const cors = parseCorsOrigins(env.CORS_ORIGINS);
    this.corsOrigins = cors.origins;
    this.corsAnyOriginMayRead = cors.anyOriginMayRead;
    // 64 KB holds the longest valid body of every ordinary route (a 50-line checkout, a facility
    // with its 5,000-character description) even with all text escaped as \uXXXX.
    this.bodyLimit = env.BODY_LIMIT ?? '64kb';
    // A 50,000-character story in Markdown, escaped the same way, is about 300 KB.
    this.bodyLimitLarge = env.BODY_LIMIT_LARGE ?? '512kb';
    this.dbPoolSize = env.DB_POOL_SIZE ?? 10;
    this.shutdownTimeoutMs = env.SHUTDOWN_TIMEOUT_MS ?? 10_000;
    this.trustProxy = env.TRUST_PROXY ?? false;
    this.loginThrottle = {
      maxFailuresPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT ?? 5,
      maxFailuresPerIp: env.LOGIN_MAX_FAILURES_PER_IP ?? 30,
      windowSeconds: env.LOGIN_THROTTLE_WINDOW_SECONDS ?? 900,
    };
    this.publicBaseUrl = (env.PUBLIC_BASE_URL ?? `http://localhost:${this.port}`).replace(/\/+$/, '');
    this.webBaseUrl = env.WEB_BASE_URL?.replace(/\/+$/, '') ?? this.publicBaseUrl;
    this.media = {
      driver: env.STORAGE_DRIVER ?? 'local',
      uploadsDir: absolute(env.UPLOADS_DIR ?? 'uploads'),
      maxFilesPerRequest: env.UPLOAD_MAX_FILES ?? 10,
      maxFileBytes: (env.UPLOAD_MAX_FILE_MB ?? 10) * 1024 * 1024,
      s3:
        env.STORAGE_DRIVER === 's3' && env.S3_BUCKET && env.S3_PUBLIC_URL
          ? {
              bucket: env.S3_BUCKET,
              endpoint: env.S3_ENDPOINT,
              region: env.S3_REGION ?? 'us-east-1',
              accessKeyId: env.S3_ACCESS_KEY_ID,
              secretAccessKey: env.S3_SECRET_ACCESS_KEY,
              forcePathStyle: env.S3_FORCE_PATH_STYLE ?? true,
              publicUrl: env.S3_PUBLIC_URL.replace(/\/+$/, ''),
            }
          : undefined,
      sweepGraceMinutes: env.MEDIA_SWEEP_GRACE_MINUTES ?? 60,
    };
    this.stripe =
      env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET
        ? {
            secretKey: env.STRIPE_SECRET_KEY,
            webhookSecret: env.STRIPE_WEBHOOK_SECRET,
            apiUrl: env.STRIPE_API_URL,
            checkoutOrigin: env.STRIPE_API_URL ? new URL(env.STRIPE_API_URL).origin : 'https://checkout.stripe.com',
          }
        : undefined;
    this.orderTtlMinutes = env.ORDER_TTL_MINUTES ?? 60;
    this.jobs = { workers: env.JOBS_WORKERS ?? true };
    this.visitCounting = env.VISIT_COUNTING ?? true;
    this.attributionWindowDays = env.ATTRIBUTION_WINDOW_DAYS ?? 30;
    this.webhooks = { maxAttempts: env.WEBHOOK_MAX_ATTEMPTS ?? 12, timeoutMs: 10_000, production: this.nodeEnv === 'production' };
    this.rateLimit = { anonymousPerMinute: env.RATE_LIMIT_ANONYMOUS_PER_MINUTE ?? 300, redisUrl: env.REDIS_URL };
    this.mail = { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM ?? 'Etalase Pemasyarakatan <no-reply@etalase.test>' };
    this.manualPayment = {
      bankName: env.MANUAL_PAYMENT_BANK_NAME ?? 'Bank Rakyat Indonesia',
      accountNumber: env.MANUAL_PAYMENT_ACCOUNT_NUMBER ?? '0000-01-000000-00-0',
      accountName: env.MANUAL_PAYMENT_ACCOUNT_NAME ?? 'Etalase Pemasyarakatan (demo)',
    };
    this.authSessionCacheSeconds = env.AUTH_SESSION_CACHE_SECONDS ?? 2;
    this.apiKeyThrottle = {
      maxFailuresPerIp: env.API_KEY_MAX_FAILURES_PER_IP ?? 20,
      windowSeconds: env.API_KEY_FAILURE_WINDOW_SECONDS ?? 900,
    };
    this.demoPasswords = this.nodeEnv === 'production' ? 'random' : 'published';
    this.apiDocsEnabled = env.API_DOCS_ENABLED ?? this.nodeEnv !== 'production';
    this.httpTimeouts = {
      headersMs: (env.HTTP_HEADERS_TIMEOUT_SECONDS ?? 20) * 1000,
      bodyMs: (env.HTTP_BODY_TIMEOUT_SECONDS ?? 30) * 1000,
      uploadBodyMs: (env.UPLOAD_BODY_TIMEOUT_SECONDS ?? 300) * 1000,
    };
    this.checkout = {
      maxQuantityPerProduct: env.ORDER_MAX_QUANTITY_PER_PRODUCT ?? 10,
      anonymousTtlMinutes: Math.min(env.ORDER_TTL_ANONYMOUS_MINUTES ?? 30, this.orderTtlMinutes),
      maxUnpaidPerIp: env.CHECKOUT_MAX_UNPAID_PER_IP ?? 5,
      maxUnpaidPerEmail: env.CHECKOUT_MAX_UNPAID_PER_EMAIL ?? 3,
      maxUnpaidPerPartner: env.CHECKOUT_MAX_UNPAID_PER_PARTNER ?? 200,
      maxAttemptsPerIp: env.CHECKOUT_MAX_ATTEMPTS_PER_IP ?? 20,
      maxAttemptsPerPartner: env.CHECKOUT_MAX_ATTEMPTS_PER_PARTNER ?? 600,
      attemptsWindowSeconds: env.CHECKOUT_ATTEMPTS_WINDOW_SECONDS ?? 600,
    };
    this.logFormat = env.LOG_FORMAT ?? 'auto';
  }

  get embeddedDatabase(): boolean {
    return this.databaseUrl === undefined;
  }
}

function absolute(path: string): string {
  return isAbsolute(path) ? path : resolve(process.cwd(), path);
}

/**
 * Reads the environment and, in embedded mode, the secrets generated on first start and kept in
 * DATA_DIR (so tokens survive a restart without anyone having to invent a secret).
 */
export async function loadConfig(raw: NodeJS.ProcessEnv = process.env): Promise<AppConfig> {
  const env = parseEnvironment(raw);
  const jwtSecret = env.JWT_SECRET ?? (await readOrCreateDemoSecret(absolute(env.DATA_DIR ?? '.data')));
  return new AppConfig(env, { jwtSecret });
}

async function readOrCreateDemoSecret(dataDir: string): Promise<string> {
  const file = join(dataDir, 'secrets.json');
  try {
    const stored = JSON.parse(await readFile(file, 'utf8')) as { jwtSecret?: unknown };
    if (typeof stored.jwtSecret === 'string' && stored.jwtSecret.length >= 32) return stored.jwtSecret;
    throw new ConfigError(`Invalid configuration: ${file} holds no usable jwtSecret; delete it to regenerate`);
  } catch (error) {
    if (!isMissingFile(error)) throw unusableDirectory('DATA_DIR', dataDir, error) ?? error;
  }
  const jwtSecret = randomBytes(48).toString('base64url');
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o755 });
    await writeFile(file, JSON.stringify({ jwtSecret }, null, 2), { mode: 0o600 });
  } catch (error) {
    throw unusableDirectory('DATA_DIR', dataDir, error) ?? error;
  }
  return jwtSecret;
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
