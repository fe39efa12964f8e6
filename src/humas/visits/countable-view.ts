import { isbot } from 'isbot';

/** What of a request decides whether it is a person looking at a page. */
export interface ViewRequest {
  method: string;
  status: number;
  userAgent: string | undefined;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

/**
 * A page view counts when a browser fetched the page for a person to see: a GET answered 200,
 * not a prefetch or prerender (the page may never be shown), and not a bot by the isbot list
 * (crawlers, link previewers such as WhatsApp's and facebookexternalhit, monitors). A request
 * without a User-Agent is a script, not a browser.
 */
export function isCountableView(request: ViewRequest): boolean {
  return request.status === 200 && isPersonRequest(request);
}

/** A GET a person's browser made to show what it gets: not HEAD, a prefetch or prerender, a bot or a script. Also what a share-link click is. */
export function isPersonRequest(request: Omit<ViewRequest, 'status'>): boolean {
  if (request.method !== 'GET') return false;
  if (isPrefetch(request.headers)) return false;
  const userAgent = (request.userAgent ?? '').trim();
  return userAgent !== '' && !isbot(userAgent);
}

/** Chrome's `Sec-Purpose: prefetch` (also `prefetch;prerender`), the older `Purpose`, Firefox's `X-Moz`, Safari's `X-Purpose: preview`. */
function isPrefetch(headers: ViewRequest['headers']): boolean {
  const value = (name: string): string => {
    const header = headers[name];
    return (Array.isArray(header) ? header.join(',') : (header ?? '')).toLowerCase();
  };
  return /prefetch|prerender/.test(value('sec-purpose')) || value('purpose') === 'prefetch' || value('x-moz') === 'prefetch' || value('x-purpose') === 'preview';
}
