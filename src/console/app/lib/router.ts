import { useEffect, useState } from 'preact/hooks';

/** The console lives under /admin; everything below it is a screen of this single page. */
export const BASE = '/admin';

const CHANGE = 'etalase:navigate';

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  dispatchEvent(new Event(CHANGE));
  window.scrollTo(0, 0);
}

/** `path` with the non-empty `params` as its query string, in the order given (none: no `?`). */
export function withQuery(path: string, params: Record<string, string>): string {
  const search = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== '')).toString();
  return `${path}${search ? `?${search}` : ''}`;
}

export function useLocation(): URL {
  const [url, setUrl] = useState(() => new URL(location.href));
  useEffect(() => {
    const update = (): void => setUrl(new URL(location.href));
    addEventListener('popstate', update);
    addEventListener(CHANGE, update);
    return () => {
      removeEventListener('popstate', update);
      removeEventListener(CHANGE, update);
    };
  }, []);
  return url;
}

/** A click on an internal link changes the screen without reloading (modifier keys still open tabs). */
export function onLinkClick(event: MouseEvent): void {
  const anchor = (event.target as Element | null)?.closest('a');
  if (!anchor || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith(BASE) || anchor.target) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
}

export type Route =
  | { screen: 'home' }
  | { screen: 'products' }
  | { screen: 'product'; id: string | null }
  | { screen: 'orders' }
  | { screen: 'order'; id: string }
  | { screen: 'packingSlip'; id: string }
  | { screen: 'stories' }
  | { screen: 'story'; id: string | null }
  | { screen: 'reviews' }
  | { screen: 'review'; id: string }
  | { screen: 'facilities' }
  | { screen: 'facility'; id: string | null }
  | { screen: 'users' }
  | { screen: 'user'; id: string | null }
  | { screen: 'campaigns' }
  | { screen: 'campaign'; id: string | null }
  | { screen: 'reports' }
  | { screen: 'auditLog' }
  | { screen: 'humas' }
  | { screen: 'notFound' };

export function routeOf(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || BASE;
  if (path === BASE) return { screen: 'home' };
  if (path === `${BASE}/produk`) return { screen: 'products' };
  if (path === `${BASE}/produk/baru`) return { screen: 'product', id: null };
  const match = /^\/admin\/produk\/([0-9a-f-]{36})$/.exec(path);
  if (match?.[1]) return { screen: 'product', id: match[1] };
  if (path === `${BASE}/pesanan`) return { screen: 'orders' };
  const order = /^\/admin\/pesanan\/([0-9a-f-]{36})(\/slip)?$/.exec(path);
  if (order?.[1]) return order[2] ? { screen: 'packingSlip', id: order[1] } : { screen: 'order', id: order[1] };
  if (path === `${BASE}/cerita`) return { screen: 'stories' };
  if (path === `${BASE}/cerita/baru`) return { screen: 'story', id: null };
  const story = /^\/admin\/cerita\/([0-9a-f-]{36})$/.exec(path);
  if (story?.[1]) return { screen: 'story', id: story[1] };
  if (path === `${BASE}/tinjauan`) return { screen: 'reviews' };
  const review = /^\/admin\/tinjauan\/([0-9a-f-]{36})$/.exec(path);
  if (review?.[1]) return { screen: 'review', id: review[1] };
  const managed = /^\/admin\/(unit|pengguna)(?:\/(baru|[0-9a-f-]{36}))?$/.exec(path);
  if (managed?.[1]) {
    const id = managed[2] === undefined || managed[2] === 'baru' ? null : managed[2];
    if (managed[1] === 'unit') return managed[2] === undefined ? { screen: 'facilities' } : { screen: 'facility', id };
    return managed[2] === undefined ? { screen: 'users' } : { screen: 'user', id };
  }
  if (path === `${BASE}/kampanye`) return { screen: 'campaigns' };
  if (path === `${BASE}/humas`) return { screen: 'humas' };
  if (path === `${BASE}/kampanye/baru`) return { screen: 'campaign', id: null };
  const campaign = /^\/admin\/kampanye\/([0-9a-f-]{36})$/.exec(path);
  if (campaign?.[1]) return { screen: 'campaign', id: campaign[1] };
  if (path === `${BASE}/laporan`) return { screen: 'reports' };
  if (path === `${BASE}/riwayat`) return { screen: 'auditLog' };
  return { screen: 'notFound' };
}
