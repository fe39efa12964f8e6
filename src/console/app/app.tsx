import { useEffect, useMemo, useState } from 'preact/hooks';
import { I18nContext, saveLanguage, savedLanguage, translator, type I18n, type Language } from './i18n/i18n';
import { onSessionExpired, resume, signOut, type Me } from './lib/api';
import { mayOpen } from './lib/nav';
import { BASE, onLinkClick, routeOf, useLocation } from './lib/router';
import { facilityType, FacilitiesScreen } from './screens/facilities';
import { FacilityFormScreen } from './screens/facility-form';
import { HomeScreen } from './screens/home';
import { CampaignScreen } from './screens/humas/campaign';
import { CampaignsScreen } from './screens/humas/campaigns';
import { HumasDashboardScreen } from './screens/humas/dashboard';
import { MainNav } from './screens/main-nav';
import { OrderScreen } from './screens/order';
import { orderTab, OrdersScreen } from './screens/orders';
import { PackingSlipScreen } from './screens/packing-slip';
import { ProductFormScreen } from './screens/product-form';
import { productFilters, ProductsScreen } from './screens/products';
import { ReviewScreen } from './screens/review';
import { ReviewsScreen } from './screens/reviews';
import { AuditLogScreen } from './screens/audit-log';
import { ReportsScreen } from './screens/reports';
import { SignInScreen } from './screens/sign-in';
import { StoriesScreen } from './screens/stories';
import { StoryEditorScreen } from './screens/story-editor';
import { storyTab } from './lib/stories';
import { RefusalScreen } from './screens/refusal';
import { UserScreen } from './screens/user-edit';
import { NewUserScreen } from './screens/user-new';
import { activeFilter, UsersScreen } from './screens/users';

type SessionState = { kind: 'checking' } | { kind: 'signedOut'; expired: boolean } | { kind: 'signedIn'; user: Me };

export function App() {
  const [language, setLanguage] = useState<Language>(savedLanguage);
  const i18n = useMemo<I18n>(
    () => ({
      language,
      t: translator(language),
      setLanguage: (next) => {
        saveLanguage(next);
        setLanguage(next);
      },
    }),
    [language],
  );
  const [session, setSession] = useState<SessionState>({ kind: 'checking' });
  const url = useLocation();

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  useEffect(() => {
    void resume().then((user) => setSession(user ? { kind: 'signedIn', user } : { kind: 'signedOut', expired: false }));
    // The screen under sign-in stays mounted in the URL and its draft in storage: signing in again returns to it.
    return onSessionExpired(() => setSession({ kind: 'signedOut', expired: true }));
  }, []);

  const { t } = i18n;
  let body;
  if (session.kind === 'checking') body = <p class="loading">{t('app.loading')}</p>;
  else if (session.kind === 'signedOut') body = <SignInScreen expired={session.expired} onSignedIn={(user) => setSession({ kind: 'signedIn', user })} />;
  else {
    const route = routeOf(url.pathname);
    const param = (name: string): string => url.searchParams.get(name) ?? '';
    if (!mayOpen(session.user, url.pathname)) body = <RefusalScreen />;
    else if (route.screen === 'home') body = <HomeScreen user={session.user} />;
    else if (route.screen === 'products') body = <ProductsScreen query={url.searchParams.get('q') ?? ''} filters={productFilters(url.searchParams)} />;
    else if (route.screen === 'product') body = <ProductFormScreen key={route.id ?? 'new'} id={route.id} />;
    else if (route.screen === 'orders') body = <OrdersScreen tab={orderTab(url.searchParams.get('status'))} />;
    else if (route.screen === 'order') body = <OrderScreen key={route.id} id={route.id} />;
    else if (route.screen === 'packingSlip') body = <PackingSlipScreen key={route.id} id={route.id} />;
    else if (route.screen === 'stories') body = <StoriesScreen tab={storyTab(url.searchParams.get('tab'))} query={url.searchParams.get('q') ?? ''} />;
    else if (route.screen === 'story') body = <StoryEditorScreen key={route.id ?? 'new'} id={route.id} user={session.user} />;
    else if (route.screen === 'reviews') body = <ReviewsScreen />;
    else if (route.screen === 'review') body = <ReviewScreen key={route.id} id={route.id} />;
    else if (route.screen === 'facilities') body = <FacilitiesScreen query={param('q')} type={facilityType(param('jenis'))} />;
    else if (route.screen === 'facility') body = <FacilityFormScreen key={route.id ?? 'new'} id={route.id} user={session.user} />;
    else if (route.screen === 'users') body = <UsersScreen query={{ q: param('q'), active: activeFilter(param('active')), unit: param('unit') }} />;
    else if (route.screen === 'user')
      body = route.id === null ? <NewUserScreen key={`new:${param('unit')}`} unit={param('unit')} /> : <UserScreen key={route.id} id={route.id} me={session.user} created={param('baru') === '1'} />;
    else if (route.screen === 'reports') body = <ReportsScreen />;
    else if (route.screen === 'auditLog') body = <AuditLogScreen />;
    else if (route.screen === 'humas') body = <HumasDashboardScreen user={session.user} from={url.searchParams.get('from') ?? ''} to={url.searchParams.get('to') ?? ''} />;
    else if (route.screen === 'campaigns') body = <CampaignsScreen />;
    else if (route.screen === 'campaign') body = <CampaignScreen key={route.id ?? 'new'} id={route.id} />;
    else body = <p>{t('error.NOT_FOUND')}</p>;
  }

  return (
    <I18nContext.Provider value={i18n}>
      <div onClick={onLinkClick}>
        <a class="skip" href="#main">
          {t('app.skip')}
        </a>
        <header class="bar">
          <a class="brand" href={BASE}>
            {t('app.title')}
          </a>
          <button type="button" class="link" lang={language === 'id' ? 'en' : 'id'} aria-label={t('app.languageLabel')} onClick={() => i18n.setLanguage(language === 'id' ? 'en' : 'id')}>
            {t('app.language')}
          </button>
        </header>
        {session.kind === 'signedIn' && (
          <MainNav
            user={session.user}
            pathname={url.pathname}
            onSignOut={() => {
              void signOut().then(() => setSession({ kind: 'signedOut', expired: false }));
            }}
          />
        )}
        <main id="main" tabIndex={-1}>
          {body}
        </main>
      </div>
    </I18nContext.Provider>
  );
}
