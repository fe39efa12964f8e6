/**
 * Prefixes that belong to Etalase's settings (or to names people expect it to read, like
 * SMTP_HOST): an unknown variable starting with one was meant for us. Prefixes other programs
 * use too (HTTP_, NODE_, LOG_, DB_) are left out: their variables are not ours to judge.
 */
const OUR_PREFIXES = [
  'ETALASE_',
  'DATABASE_',
  'JWT_',
  'STRIPE_',
  'SMTP_',
  'MAIL_',
  'S3_',
  'STORAGE_',
  'UPLOAD_',
  'UPLOADS_',
  'MEDIA_',
  'SEED_',
  'MIGRATIONS_',
  'CHECKOUT_',
  'ORDER_',
  'LOGIN_',
  'API_KEY_',
  'API_DOCS_',
  'RATE_LIMIT_',
  'WEBHOOK_',
  'MANUAL_PAYMENT_',
  'AUTH_SESSION_',
  'REFRESH_TOKEN_',
  'BODY_LIMIT',
  'HTTP_BODY_',
  'HTTP_HEADERS_',
  'VISIT_',
];

/**
 * Variables Docker links and Kubernetes add for a service (`ETALASE_PORT=tcp://10.0.0.5:3000`,
 * `ETALASE_SERVICE_HOST`, ...): a Service named `etalase` would otherwise warn at every start.
 */
const SERVICE_LINK = /_(SERVICE_HOST|SERVICE_PORT(_\w+)?|PORT(_\d+_(TCP|UDP|SCTP)(_(ADDR|PORT|PROTO))?)?)$/;

export interface UnknownSetting {
  name: string;
  /** The known setting it most resembles. */
  closest: string;
}

/**
 * Environment variables that look like a setting of ours but are not one (`DATABSE_URL`): the app
 * would silently ignore them. A name close to a known one by edit distance, or with one of our
 * prefixes, is reported with the known name it most resembles.
 */
export function unknownSettings(names: Iterable<string>, known: readonly string[]): UnknownSetting[] {
  const knownSet = new Set(known);
  const found: UnknownSetting[] = [];
  for (const name of names) {
    if (knownSet.has(name)) continue;
    const upper = name.toUpperCase();
    const [closest, distance] = nearest(upper, known);
    if (closest === undefined) continue;
    const ours = OUR_PREFIXES.some((prefix) => upper.startsWith(prefix)) && !SERVICE_LINK.test(upper);
    if (ours || distance <= typoAllowance(closest)) found.push({ name, closest });
  }
  return found;
}

/** How many edits still read as a typo of a name that long: HOME is not HOST, DATABSE_URL is DATABASE_URL. */
function typoAllowance(name: string): number {
  if (name.length <= 5) return 1;
  return name.length <= 11 ? 2 : 3;
}

function nearest(name: string, known: readonly string[]): [string | undefined, number] {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return [best, bestDistance];
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
