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
  | { screen: 'campaigns' }
  | { screen: 'humas' }
  | { screen: 'campaign'; id: string | null }
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
  if (path === `${BASE}/humas`) return { screen: 'humas' };
  if (path === `${BASE}/kampanye`) return { screen: 'campaigns' };
  if (path === `${BASE}/kampanye/baru`) return { screen: 'campaign', id: null };
  const campaign = /^\/admin\/kampanye\/([0-9a-f-]{36})$/.exec(path);
  if (campaign?.[1]) return { screen: 'campaign', id: campaign[1] };
  return { screen: 'notFound' };
}
