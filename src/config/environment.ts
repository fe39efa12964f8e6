import { Transform, plainToInstance } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  validateSync,
} from 'class-validator';
import { invalidCorsOrigins } from './cors-origins.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const normalised = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalised)) return true;
  if (['false', '0', 'no', 'off'].includes(normalised)) return false;
  return value;
};

const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * The process environment as the app accepts it. Every variable the app reads is declared here,
 * so a typo or a bad value stops the start with one line naming the variable.
 */
export class Environment {
  @IsOptional()
  @IsIn(NODE_ENVS)
  NODE_ENV?: NodeEnv;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  @ValidateIf((env: Environment) => env.DATABASE_URL !== undefined || env.JWT_SECRET !== undefined)
  @IsDefined({ message: 'is required when DATABASE_URL is set' })
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(60)
  @Max(86_400)
  JWT_ACCESS_TTL_SECONDS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS?: number;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  @ValidateBy({
    // Demo accounts would sign in to production with the password README publishes.
    name: 'noDemoInProduction',
    validator: {
      validate: (value: unknown, args) => !(value === true && (args?.object as Environment).NODE_ENV === 'production' && (args?.object as Environment).SEED_DEMO_FORCE !== true),
      defaultMessage: () => 'is refused with NODE_ENV=production: unset it, or also set SEED_DEMO_FORCE=true to seed demo accounts with random passwords (printed once)',
    },
  })
  SEED_DEMO?: boolean;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  MIGRATIONS_RUN?: boolean;

  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL?: LogLevel;

  @IsOptional()
  @IsString()
  @ValidateBy({
    name: 'exactOrigins',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || invalidCorsOrigins(value).length === 0,
      defaultMessage: (args) =>
        `must list exact origins such as https://toko.example (scheme, lowercase host, optional non-default port; no path or trailing slash), or *; not ${invalidCorsOrigins(String(args?.value)).join(', ')}`,
    },
  })
  CORS_ORIGINS?: string;

  @IsOptional()
  @Matches(/^\d+(b|kb|mb)$/i, { message: 'must look like 100kb or 1mb' })
  BODY_LIMIT?: string;

  /** JSON body limit of the routes that carry long text (@LargeJsonBody) and of signed webhooks. */
  @IsOptional()
  @Matches(/^\d+(b|kb|mb)$/i, { message: 'must look like 512kb or 1mb' })
  BODY_LIMIT_LARGE?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(120_000)
  SHUTDOWN_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  TRUST_PROXY?: boolean;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ACCOUNT?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_IP?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_WINDOW_SECONDS?: number;
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'must be an http(s) URL' })
  PUBLIC_BASE_URL?: string;

  /** Where the showcase website is reached; `webUrl` fields, canonical links and the sitemap are built on it. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'must be an http(s) URL' })
  WEB_BASE_URL?: string;

  @IsOptional()
  @IsIn(['local', 's3'])
  STORAGE_DRIVER?: 'local' | 's3';

  @IsOptional()
  @IsString()
  UPLOADS_DIR?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(50)
  UPLOAD_MAX_FILES?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(100)
  UPLOAD_MAX_FILE_MB?: number;

  @ValidateIf((env: Environment) => env.STORAGE_DRIVER === 's3')
  @IsString({ message: 'is required when STORAGE_DRIVER=s3' })
  S3_BUCKET?: string;

  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  S3_ENDPOINT?: string;

  @IsOptional()
  @IsString()
  S3_REGION?: string;

  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  S3_FORCE_PATH_STYLE?: boolean;

  @ValidateIf((env: Environment) => env.STORAGE_DRIVER === 's3')
  @Matches(/^https?:\/\/\S+$/, { message: 'is required when STORAGE_DRIVER=s3 (the public URL of the bucket or its CDN)' })
  S3_PUBLIC_URL?: string;

  /** Presence selects the Stripe payment provider; absent means manual bank transfer. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^(sk|rk)_(test|live)_\S+$/, { message: 'must be a Stripe secret key (sk_test_..., sk_live_... or rk_...)' })
  STRIPE_SECRET_KEY?: string;

  @ValidateIf((env: Environment) => env.STRIPE_SECRET_KEY !== undefined || env.STRIPE_WEBHOOK_SECRET !== undefined)
  @Transform(emptyToUndefined)
  @IsDefined({ message: 'is required when STRIPE_SECRET_KEY is set' })
  @Matches(/^whsec_\S+$/, { message: 'must be a Stripe webhook signing secret (whsec_...)' })
  STRIPE_WEBHOOK_SECRET?: string;

  /** Another Stripe API host, for tests against a local fake (e.g. http://127.0.0.1:12111). */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^https?:\/\/[^\s/]+\/?$/, { message: 'must be an http(s) URL with no path, e.g. http://127.0.0.1:12111' })
  STRIPE_API_URL?: string;

  /** Minutes an unpaid order holds its stock before the expiry job cancels it. */
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(5)
  @Max(10_080)
  ORDER_TTL_MINUTES?: number;

  /** Whether this process works background jobs (expiry, notifications); off for web-only replicas. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  JOBS_WORKERS?: boolean;

  /** Count showcase page views and daily unique visitors (no cookies, no stored address); on by default. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  VISIT_COUNTING?: boolean;

  /** Days a share-link visit (`?k=`) still earns an order its campaign (first and last touch). */
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(365)
  ATTRIBUTION_WINDOW_DAYS?: number;

  /** Where e-mail goes (smtp://user:pass@host:587 or smtps://...); absent means e-mails are only logged. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  MAIL_FROM?: string;

  /** Requests per minute per client IP without an API key; 0 turns anonymous limiting off. */
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  RATE_LIMIT_ANONYMOUS_PER_MINUTE?: number;

  /** Attempts per webhook delivery before it gives up and its endpoint is disabled (about a day at the default). */
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(30)
  WEBHOOK_MAX_ATTEMPTS?: number;

  /** Rate-limit counters in Redis instead of Postgres. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @IsString()
  MANUAL_PAYMENT_BANK_NAME?: string;

  @IsOptional()
  @IsString()
  MANUAL_PAYMENT_ACCOUNT_NUMBER?: string;

  @IsOptional()
  @IsString()
  MANUAL_PAYMENT_ACCOUNT_NAME?: string;

  /** Seconds a process may reuse what it read about a session (revoked? user active?); 0 = read on every request. */
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(10)
  AUTH_SESSION_CACHE_SECONDS?: number;

  /** Requests with an unknown, revoked or expired X-Api-Key per client IP and window before 429. */
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  API_KEY_MAX_FAILURES_PER_IP?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(86_400)
  API_KEY_FAILURE_WINDOW_SECONDS?: number;

  /** Lets SEED_DEMO=true through in production; the demo accounts then get random passwords. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  SEED_DEMO_FORCE?: boolean;

  /** Swagger UI at /docs and the OpenAPI document at /docs/openapi.json; default off in production. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  API_DOCS_ENABLED?: boolean;

  /** Seconds for a request's line and headers to arrive (Node's headersTimeout). */
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(300)
  HTTP_HEADERS_TIMEOUT_SECONDS?: number;

  /** Seconds for a JSON (non-upload) body to arrive after its headers; 408 after that. */
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(600)
  HTTP_BODY_TIMEOUT_SECONDS?: number;

  /** Seconds for a multipart photo upload to arrive after its headers, on upload routes only. */
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(3600)
  UPLOAD_BODY_TIMEOUT_SECONDS?: number;

  /** Minutes an anonymous shopper's unpaid order holds stock (partners get ORDER_TTL_MINUTES); never longer than that. */
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(5)
  @Max(10_080)
  ORDER_TTL_ANONYMOUS_MINUTES?: number;

  /** Units of one product one order may take, unless the product sets its own limit. */
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(999)
  ORDER_MAX_QUANTITY_PER_PRODUCT?: number;

  /** Unpaid orders open at once per client address (anonymous checkout). */
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  CHECKOUT_MAX_UNPAID_PER_IP?: number;

  /** Unpaid orders open at once per customer e-mail (anonymous checkout). */
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  CHECKOUT_MAX_UNPAID_PER_EMAIL?: number;

  /** Unpaid orders open at once per partner (all its keys together). */
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  CHECKOUT_MAX_UNPAID_PER_PARTNER?: number;

  /** Checkout attempts per client address per window (anonymous). */
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  CHECKOUT_MAX_ATTEMPTS_PER_IP?: number;

  /** Checkout attempts per partner per window. */
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  CHECKOUT_MAX_ATTEMPTS_PER_PARTNER?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(10)
  @Max(86_400)
  CHECKOUT_ATTEMPTS_WINDOW_SECONDS?: number;

  /** Minutes before an image file no row refers to (or a temporary file) may be swept away. */
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(5)
  @Max(43_200)
  MEDIA_SWEEP_GRACE_MINUTES?: number;

  /** `pretty`: readable lines; `json`: one JSON object per line; `auto`: pretty on a terminal, JSON otherwise. */
  @IsOptional()
  @IsIn(LOG_FORMATS)
  LOG_FORMAT?: LogFormat;
}

/** Thrown when the environment is unusable; the message is the one line printed at start. */
export class ConfigError extends Error {}

export function parseEnvironment(raw: NodeJS.ProcessEnv): Environment {
  const known = Object.fromEntries(
    Object.keys(new EnvironmentKeys()).map((key) => [key, raw[key]]),
  );
  const env = plainToInstance(Environment, known);
  const [first] = validateSync(env, { skipMissingProperties: false });
  if (first) {
    const constraints = first.constraints ?? {};
    const reason = constraints.isDefined ?? Object.values(constraints)[0] ?? 'is invalid';
    throw new ConfigError(`Invalid configuration: ${first.property} ${stripPropertyName(reason, first.property)}`);
  }
  return env;
}

/** Every environment variable the app reads. */
export function knownSettingNames(): string[] {
  return Object.keys(new EnvironmentKeys());
}

/** class-validator's default messages repeat the property name; the line already starts with it. */
function stripPropertyName(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

/** Lists the variable names so only those are copied from process.env (which holds many more). */
class EnvironmentKeys implements Record<keyof Environment, undefined> {
  NODE_ENV = undefined;
  PORT = undefined;
  HOST = undefined;
  DATABASE_URL = undefined;
  DATA_DIR = undefined;
  JWT_SECRET = undefined;
  JWT_ACCESS_TTL_SECONDS = undefined;
  REFRESH_TOKEN_TTL_DAYS = undefined;
  SEED_DEMO = undefined;
  MIGRATIONS_RUN = undefined;
  LOG_LEVEL = undefined;
  CORS_ORIGINS = undefined;
  BODY_LIMIT = undefined;
  DB_POOL_SIZE = undefined;
  SHUTDOWN_TIMEOUT_MS = undefined;
  TRUST_PROXY = undefined;
  LOGIN_MAX_FAILURES_PER_ACCOUNT = undefined;
  LOGIN_MAX_FAILURES_PER_IP = undefined;
  LOGIN_THROTTLE_WINDOW_SECONDS = undefined;
  PUBLIC_BASE_URL = undefined;
  WEB_BASE_URL = undefined;
  STORAGE_DRIVER = undefined;
  UPLOADS_DIR = undefined;
  UPLOAD_MAX_FILES = undefined;
  UPLOAD_MAX_FILE_MB = undefined;
  S3_BUCKET = undefined;
  S3_ENDPOINT = undefined;
  S3_REGION = undefined;
  S3_ACCESS_KEY_ID = undefined;
  S3_SECRET_ACCESS_KEY = undefined;
  S3_FORCE_PATH_STYLE = undefined;
  S3_PUBLIC_URL = undefined;
  STRIPE_SECRET_KEY = undefined;
  STRIPE_WEBHOOK_SECRET = undefined;
  STRIPE_API_URL = undefined;
  ORDER_TTL_MINUTES = undefined;
  JOBS_WORKERS = undefined;
  VISIT_COUNTING = undefined;
  ATTRIBUTION_WINDOW_DAYS = undefined;
  SMTP_URL = undefined;
  MAIL_FROM = undefined;
  RATE_LIMIT_ANONYMOUS_PER_MINUTE = undefined;
  REDIS_URL = undefined;
  WEBHOOK_MAX_ATTEMPTS = undefined;
  MANUAL_PAYMENT_BANK_NAME = undefined;
  MANUAL_PAYMENT_ACCOUNT_NUMBER = undefined;
  MANUAL_PAYMENT_ACCOUNT_NAME = undefined;
  AUTH_SESSION_CACHE_SECONDS = undefined;
  API_KEY_MAX_FAILURES_PER_IP = undefined;
  API_KEY_FAILURE_WINDOW_SECONDS = undefined;
  BODY_LIMIT_LARGE = undefined;
  SEED_DEMO_FORCE = undefined;
  API_DOCS_ENABLED = undefined;
  HTTP_HEADERS_TIMEOUT_SECONDS = undefined;
  HTTP_BODY_TIMEOUT_SECONDS = undefined;
  UPLOAD_BODY_TIMEOUT_SECONDS = undefined;
  ORDER_TTL_ANONYMOUS_MINUTES = undefined;
  ORDER_MAX_QUANTITY_PER_PRODUCT = undefined;
  CHECKOUT_MAX_UNPAID_PER_IP = undefined;
  CHECKOUT_MAX_UNPAID_PER_EMAIL = undefined;
  CHECKOUT_MAX_UNPAID_PER_PARTNER = undefined;
  CHECKOUT_MAX_ATTEMPTS_PER_IP = undefined;
  CHECKOUT_MAX_ATTEMPTS_PER_PARTNER = undefined;
  CHECKOUT_ATTEMPTS_WINDOW_SECONDS = undefined;
  MEDIA_SWEEP_GRACE_MINUTES = undefined;
  LOG_FORMAT = undefined;
}
