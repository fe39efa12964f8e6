// @ts-check
/**
 * Module boundaries (ARCHITECTURE.md "Dependencies point one way"), enforced by eslint's
 * no-restricted-imports in eslint.config.mjs, so `npm run lint` (CI) fails on a violation.
 *
 * Two rules for every file under src/<feature>/:
 * 1. it imports only the features below its own (`uses`, followed transitively): a lower feature
 *    never imports a higher one;
 * 2. it imports such a feature only through what that feature offers others: its module, services,
 *    public types, errors, ports, registries and hooks, decorators (PUBLIC_ROLES, by file name), plus
 *    the few files the feature lists in `offers` (entities that TypeORM relations or read models of
 *    higher features need, shared views and rules). Everything else is the feature's own business.
 *
 * common/, config/ and database/ are the foundation: everyone imports them whole, and they import no
 * feature. seed/ is, like app.module.ts, a composition root (demo data written into every
 * feature's tables) and is not restricted. Type-only imports count: a type is a dependency too.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** File roles every feature offers others: `<name>.<role>.ts`. */
export const PUBLIC_ROLES = ['module', 'service', 'types', 'errors', 'port', 'registry', 'hooks', 'decorator'];

export const FOUNDATION = ['common', 'config', 'database'];

/** Not restricted: composition roots (see above). */
export const UNRESTRICTED = ['seed'];

/**
 * Each feature: the features it imports directly (`uses`; what those use is allowed too) and the
 * files beyond PUBLIC_ROLES it offers others (`offers`, names without `.ts`). Lowest first.
 * @type {Record<string, { uses: string[]; offers?: string[] }>}
 */
export const FEATURES = {
  // Plumbing every feature may use; it knows no feature.
  jobs: { uses: [], offers: ['job-queue'] },
  outbox: { uses: ['jobs'], offers: ['outbox', 'outbox-event.entity'] },
  'rate-limit': { uses: ['jobs'], offers: ['rate-limit-store', 'rate-limit.middleware'] },
  logging: { uses: [] },
  // payments knows nothing of orders; media is generic (products and stories alike).
  payments: { uses: [], offers: ['payment-provider', 'stripe.provider', 'stripe-amount'] },
  media: { uses: ['jobs'], offers: ['media-usage', 'upload-files.interceptor'] },
  // Who is calling and what their role may do: the access policy is every feature's.
  auth: { uses: ['rate-limit'], offers: ['access-policy', 'auth-user', 'role', 'partner-caller', 'password-hasher', 'user.entity'] },
  audit: { uses: ['auth'] },
  health: { uses: ['auth'] },
  // catalog -> facilities -> auth
  facilities: { uses: ['auth', 'audit'], offers: ['facility.entity', 'delivery-zones', 'kanwil.entity', 'province.entity', 'facility-scope', 'story-card.view'] },
  users: { uses: ['facilities'] },
  // orders -> catalog -> media
  catalog: { uses: ['facilities', 'media', 'outbox'], offers: ['product.entity', 'sellability', 'category.entity', 'maker-consent.entity', 'product.rules', 'catalog-queries', 'product-events'] },
  // orders -> payments
  orders: { uses: ['catalog', 'payments', 'rate-limit', 'outbox'], offers: ['order.entity', 'order-item.entity', 'fulfilment.entity', 'payment.entity', 'order-events', 'order.views', 'dto/create-order.dto', 'dto/order-number.param', 'client-identity'] },
  notifications: { uses: ['orders'] },
  // stories, partners, impact -> orders
  stories: { uses: ['catalog'] },
  partners: { uses: ['orders'], offers: ['partner.entity'] },
  webhooks: { uses: ['partners'] },
  impact: { uses: ['orders'], offers: ['csv', 'report-table', 'report-xlsx', 'report-download'] },
  // Humas (public relations): visit counting, campaigns and share links; the showcase serves the
  // share links' redirect and keeps campaign touches in its cart cookie through these.
  humas: {
    uses: ['orders', 'stories', 'impact'],
    offers: ['visits/visit-counting.interceptor', 'links/share-links.service', 'links/link-click-counter.service', 'attribution/campaign-attribution.service', 'attribution/touches'],
  },
  // The public website: pages rendered from the services above (and their public views), never their tables.
  showcase: { uses: ['catalog', 'facilities', 'stories', 'impact', 'orders', 'humas'] },
  // The admin console: serves its bundle; its browser code (console/app) reaches the rest only through /api/v1.
  console: { uses: ['auth'] },
};

/** Every feature `feature` may import: its `uses`, theirs, and so on. */
export function reachable(feature) {
  const seen = new Set();
  const visit = (name) => {
    for (const used of FEATURES[name]?.uses ?? []) {
      if (used === feature) throw new Error(`boundaries.config.mjs: ${feature} and ${name} import each other`);
      if (!seen.has(used)) {
        seen.add(used);
        visit(used);
      }
    }
  };
  visit(feature);
  return seen;
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An import of `feature`'s folder from anywhere in src/ (`../x/`, `../../x/`). */
const into = (features) => `^(\\.\\./)+(${features.map(escape).join('|')})/`;

/** An import of a file of `feature` that it does not offer others. */
function intoPrivate(feature) {
  const offered = [`[^/]+\\.(${PUBLIC_ROLES.join('|')})`, ...(FEATURES[feature].offers ?? []).map(escape)];
  return `${into([feature])}(?!(${offered.join('|')})(\\.js)?$)`;
}

function offersText(feature) {
  const extra = FEATURES[feature].offers ?? [];
  return `its *.{${PUBLIC_ROLES.join(',')}}.ts files${extra.length ? ` and ${extra.join(', ')}` : ''}`;
}

/** The no-restricted-imports patterns for the files of `feature`. */
export function restrictionsFor(feature) {
  const allowed = [...reachable(feature)];
  const higher = [...Object.keys(FEATURES), ...UNRESTRICTED].filter((other) => other !== feature && !allowed.includes(other));
  const patterns = [];
  if (higher.length > 0) {
    patterns.push({
      regex: into(higher),
      message: `${feature}/ may import only the features below it: ${allowed.length ? allowed.join(', ') : 'none'} (and common, config, database). A lower feature never imports a higher one (ARCHITECTURE.md): move what both need down, or let the lower one announce it (outbox event, registry).`,
    });
  }
  for (const used of allowed) {
    patterns.push({
      regex: intoPrivate(used),
      message: `Import ${used}/ only through what it offers others: ${offersText(used)} (boundaries.config.mjs). Use its exported service, or make the file part of its public surface there.`,
    });
  }
  return patterns;
}

/** Fails loudly when src/ holds a folder nobody placed in the dependency order. */
function assertEveryFolderPlaced(root) {
  const placed = new Set([...FOUNDATION, ...UNRESTRICTED, ...Object.keys(FEATURES)]);
  const folders = readdirSync(join(root, 'src'), { withFileTypes: true }).filter((entry) => entry.isDirectory());
  const missing = folders.map((entry) => entry.name).filter((name) => !placed.has(name));
  if (missing.length > 0) throw new Error(`boundaries.config.mjs: place src/${missing.join(', src/')} in FEATURES (which features it uses, what it offers)`);
}

/** Flat-config blocks: one per feature, one for the foundation. */
export function boundaryConfigs(root) {
  assertEveryFolderPlaced(root);
  return [
    {
      files: FOUNDATION.flatMap((folder) => [`src/${folder}/**/*.ts`, `src/${folder}/**/*.tsx`]),
      rules: {
        'no-restricted-imports': ['error', { patterns: [{ regex: into([...Object.keys(FEATURES), ...UNRESTRICTED]), message: 'common/, config/ and database/ import no feature.' }] }],
      },
    },
    ...Object.keys(FEATURES).map((feature) => ({
      files: [`src/${feature}/**/*.ts`, `src/${feature}/**/*.tsx`],
      rules: { 'no-restricted-imports': ['error', { patterns: restrictionsFor(feature) }] },
    })),
  ];
}
