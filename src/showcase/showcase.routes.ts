import { type Language, LANGUAGES, type PageKind, routePattern, shareImageRoutes, webPath } from '../common/web/web-paths.js';

/** An order's page, by its number (`pesanan/:number`, `en/orders/:number`). */
export function orderRoute(language: Language): string {
  return `${webPath(language, 'order').slice(1)}/:number`;
}

/** Form posts beside a page: changing the cart's lines, and opening the card payment page of an order. */
const FORM_ACTIONS = {
  cartUpdate: { page: 'cart', segment: { id: 'ubah', en: 'update' } },
  cardPayment: { page: 'checkout', segment: { id: 'kartu', en: 'card' } },
} as const satisfies Record<string, { page: PageKind; segment: Record<Language, string> }>;
export type FormAction = keyof typeof FORM_ACTIONS;

/** `/keranjang/ubah`, `/en/cart/update`, `/bayar/kartu`, `/en/checkout/card`. */
export function formPath(language: Language, action: FormAction): string {
  const { page, segment } = FORM_ACTIONS[action];
  return `${webPath(language, page)}/${segment[language]}`;
}

/** Share links of Humas campaigns: `/s/{code}` redirects to the campaign's page. */
export const SHORT_LINK_ROUTE = 's/:code';

/** Served beside the pages, at the root. */
export const SITE_FILES = ['sitemap.xml', 'robots.txt', 'favicon.svg'] as const;

/**
 * Every path the showcase serves, as Nest declares routes: outside the API's /api/v1 prefix
 * (app.factory.ts excludes them from it).
 */
export const SHOWCASE_ROUTES: readonly string[] = [
  ...LANGUAGES.flatMap((language) => [
    webPath(language, 'home').slice(1) || '/',
    webPath(language, 'search').slice(1),
    routePattern(language, 'product'),
    webPath(language, 'facility').slice(1),
    routePattern(language, 'facility'),
    routePattern(language, 'story'),
    routePattern(language, 'programme'),
    webPath(language, 'cart').slice(1),
    webPath(language, 'checkout').slice(1),
    orderRoute(language),
    formPath(language, 'cartUpdate').slice(1),
    formPath(language, 'cardPayment').slice(1),
    shareImageRoutes(language).page,
    shareImageRoutes(language).home,
  ]),
  ...SITE_FILES,
  SHORT_LINK_ROUTE,
];

/** Where the website's HTML forms post (application/x-www-form-urlencoded): the cart, the checkout and the card payment. */
export const SHOWCASE_FORM_PATHS: readonly string[] = LANGUAGES.flatMap((language) => [
  webPath(language, 'cart'),
  webPath(language, 'checkout'),
  formPath(language, 'cartUpdate'),
  formPath(language, 'cardPayment'),
]);
