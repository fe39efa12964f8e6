/**
 * CORS_ORIGINS: the browser origins (partner storefronts, the admin console) that may call the API
 * with everything it accepts, each an exact origin; `*` among them lets any other page read the
 * public catalog (GET and HEAD, no key, no token).
 */
export interface CorsAllowlist {
  readonly origins: readonly string[];
  readonly anyOriginMayRead: boolean;
}

export function parseCorsOrigins(raw: string | undefined): CorsAllowlist {
  const entries = (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  return { origins: entries.filter((entry) => entry !== '*'), anyOriginMayRead: entries.includes('*') };
}

/**
 * The entries that are not exact origins. A browser sends `Origin` as scheme, host and port only,
 * lowercased, without a default port; an entry written otherwise (a path, a trailing slash,
 * `https://Toko.example`, `https://toko.example:443`, a wildcard host) would never match and
 * silently lock the storefront out, so the start is refused instead.
 */
const ORIGIN_SHAPE = /^https?:\/\/([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:\d{1,5})?$/;

export function invalidCorsOrigins(raw: string | undefined): string[] {
  return parseCorsOrigins(raw).origins.filter((entry) => {
    if (!ORIGIN_SHAPE.test(entry)) return true;
    try {
      return new URL(entry).origin !== entry;
    } catch {
      return true;
    }
  });
}
