/** Where the admin console is served: outside the API's /api/v1 prefix (app.prefix.ts excludes these). */
export const CONSOLE_BASE = '/admin';

/**
 * The console's screens, each answered with the shell page (a reload or a shared link of any of
 * them works); lib/router.ts in the browser code draws the same list. Listed one by one, never as
 * `admin/*`: Nest matches prefix exclusions against the API's own routes too (`admin/products`...),
 * and a wildcard would take the whole admin API out of /api/v1. Indonesian paths keep them apart.
 */
export const CONSOLE_SCREENS: readonly string[] = [
  'admin',
  'admin/produk',
  'admin/produk/baru',
  'admin/produk/:id',
  'admin/pesanan',
  'admin/pesanan/:id',
  'admin/pesanan/:id/slip',
  'admin/humas',
  'admin/kampanye',
  'admin/kampanye/baru',
  'admin/kampanye/:id',
];

export const CONSOLE_ASSETS = 'admin/assets/:file';

/** Every path the console serves, as Nest declares routes. */
export const CONSOLE_ROUTES: readonly string[] = [...CONSOLE_SCREENS, CONSOLE_ASSETS];
