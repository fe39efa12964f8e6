import { type Language, LANGUAGES, routePattern, webPath } from '../common/web/web-paths.js';

/** An order's page, by its number (`pesanan/:number`, `en/orders/:number`). */
export function orderRoute(language: Language): string {
  return `${webPath(language, 'order').slice(1)}/:number`;
}

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
  ]),
  ...SITE_FILES,
];

/** Where the website's HTML forms post (application/x-www-form-urlencoded): add to cart and checkout. */
export const SHOWCASE_FORM_PATHS: readonly string[] = LANGUAGES.flatMap((language) => [webPath(language, 'cart'), webPath(language, 'checkout')]);
