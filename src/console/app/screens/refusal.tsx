import { useI18n } from '../i18n/i18n';
import { BASE } from '../lib/router';

/**
 * What a person sees where their role may not go (a 403, or a screen outside their menu opened by
 * its URL): plain words and a way back, never the API's JSON.
 */
export function RefusalScreen() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t('refusal.title')}</h1>
      <p>{t('refusal.body')}</p>
      <a class="button" href={BASE}>
        {t('refusal.home')}
      </a>
    </section>
  );
}
