import type { MessageKey } from '../i18n/i18n';
import type { Me } from './api';
import { BASE } from './router';

type Role = Me['role'];

/**
 * One entry of the console's menu. Screens that every signed-in admin uses every day are tabs;
 * the rest sit under "Lainnya" so the bar still fits a 360 px phone. `roles` hides an entry from
 * people the API would refuse anyway (the server decides; this only spares a dead end).
 */
export interface NavItem {
  href: string;
  label: MessageKey;
  place: 'tab' | 'more';
  roles?: readonly Role[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: BASE, label: 'nav.home', place: 'tab' },
  { href: `${BASE}/produk`, label: 'nav.products', place: 'tab' },
  { href: `${BASE}/pesanan`, label: 'nav.orders', place: 'tab' },
  { href: `${BASE}/humas`, label: 'nav.humas', place: 'more', roles: ['SUPERADMIN', 'REGIONAL_ADMIN', 'FACILITY_ADMIN'] },
  { href: `${BASE}/kampanye`, label: 'nav.campaigns', place: 'more', roles: ['SUPERADMIN', 'REGIONAL_ADMIN', 'FACILITY_ADMIN'] },
  // Each new screen adds one line here, e.g.
  // { href: `${BASE}/cerita`, label: 'nav.stories', place: 'more' },
];

export function navItemsFor(user: Me): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.roles || item.roles.includes(user.role));
}

/** The entry a path belongs to: the longest href that prefixes it (home only matches itself). */
export function currentNavItem(pathname: string, items: readonly NavItem[]): NavItem | undefined {
  const path = pathname.replace(/\/+$/, '') || BASE;
  return items
    .filter((item) => (item.href === BASE ? path === BASE : path === item.href || path.startsWith(`${item.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0];
}
