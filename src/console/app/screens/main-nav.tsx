import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import type { Me } from '../lib/api';
import { currentNavItem, navItemsFor } from '../lib/nav';

interface MainNavProps {
  user: Me;
  pathname: string;
  onSignOut: () => void;
}

/** Tabs for the daily screens, and "Lainnya" (a native disclosure, no script needed to open it) for the rest and sign-out. */
export function MainNav({ user, pathname, onSignOut }: MainNavProps) {
  const { t } = useI18n();
  const items = navItemsFor(user);
  const current = currentNavItem(pathname, items);
  const more = useRef<HTMLDetailsElement>(null);
  // Choosing a screen from the menu closes it, as a menu on a phone should.
  useEffect(() => {
    if (more.current) more.current.open = false;
  }, [pathname]);
  const link = (item: (typeof items)[number]) => (
    <a key={item.href} href={item.href} aria-current={item === current ? 'page' : undefined}>
      {t(item.label)}
    </a>
  );
  const moreItems = items.filter((item) => item.place === 'more');
  const signOut = (
    <button type="button" class="link" onClick={onSignOut}>
      {t('nav.signOut')}
    </button>
  );
  // Sign-out sits at the end of "Lainnya": four tabs are all a 360 px bar holds.
  return (
    <nav class="tabs" aria-label={t('nav.main')}>
      {items.filter((item) => item.place === 'tab').map(link)}
      {moreItems.length > 0 ? (
        <details class="more" ref={more}>
          <summary aria-current={current?.place === 'more' ? 'page' : undefined}>{t('nav.more')}</summary>
          <div class="more-list">
            {moreItems.map(link)}
            {signOut}
          </div>
        </details>
      ) : (
        signOut
      )}
    </nav>
  );
}
