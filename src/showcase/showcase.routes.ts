import { LANGUAGES, routePattern, webPath } from '../common/web/web-paths.js';

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
    routePattern(language, 'facility'),
    routePattern(language, 'story'),
    routePattern(language, 'programme'),
  ]),
  ...SITE_FILES,
];
