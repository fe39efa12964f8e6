/** The one quota policy a client is under: its key's (the partner's) or, without a key, its address's. */
const POLICY = '"default"';

/**
 * The fields of draft-ietf-httpapi-ratelimit-headers (-08 onwards): `RateLimit-Policy` states the
 * quota (`q` requests per `w` seconds), `RateLimit` what is left of it (`r`) and the seconds until
 * it is whole again (`t`). The earlier drafts' RateLimit-Limit, -Remaining and -Reset carry the
 * same numbers for partners written against them; they are deprecated (README, Partners).
 */
export function rateLimitHeaders(limit: number, windowSeconds: number, count: number, resetSeconds: number): Record<string, string> {
  const remaining = Math.max(0, limit - count);
  return {
    'RateLimit-Policy': `${POLICY};q=${limit};w=${windowSeconds}`,
    RateLimit: `${POLICY};r=${remaining};t=${resetSeconds}`,
    'RateLimit-Limit': String(limit),
    'RateLimit-Remaining': String(remaining),
    'RateLimit-Reset': String(resetSeconds),
  };
}

/** What CORS lets a browser read. */
export const RATE_LIMIT_HEADER_NAMES = ['RateLimit-Policy', 'RateLimit', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'];
