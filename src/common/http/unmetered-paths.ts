/**
 * Paths that neither the request limiter nor the API key check judge: load balancer probes (they
 * send no key, and their answer must not hang on one), the API docs, media files, and Stripe's
 * webhook (signed by Stripe, retried by Stripe). OpenAPI promises no 401 or 429 on them
 * (complete-document.ts reads this list too).
 */
const UNMETERED = [/^\/health(\/|$)/, /^\/docs(\/|$)/, /^\/media\//, /^\/api\/v1\/payments\/stripe\/webhook$/];

/** `url` is a request's originalUrl (its query is ignored) or an OpenAPI path. */
export function isUnmetered(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  return UNMETERED.some((pattern) => pattern.test(path));
}
