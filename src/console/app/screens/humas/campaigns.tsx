import { RefusalScreen } from '../refusal';
import { useI18n } from '../../i18n/i18n';
import { useAdminList } from '../../lib/admin-list';
import { api, type Campaign } from '../../lib/api';
import { BASE } from '../../lib/router';
import { ListBody } from '../admin-list';

/** Campaigns in the reader's scope (the API decides which), newest first. */
export function CampaignsScreen() {
  const { t } = useI18n();
  const list = useAdminList<Campaign>({}, (after) => api.GET('/api/v1/admin/humas/campaigns', { params: { query: { limit: 24, ...after } } }));

  if (list.refused) return <RefusalScreen />;
  return (
    <section>
      <h1>{t('campaigns.title')}</h1>
      <p class="hint">{t('campaigns.intro')}</p>
      <a class="button primary" href={`${BASE}/kampanye/baru`}>
        {t('campaigns.new')}
      </a>
      <ListBody list={list} empty={t('campaigns.empty')} more={t('campaigns.more')}>
        {(campaign) => (
          <li key={campaign.id}>
            <a href={`${BASE}/kampanye/${campaign.id}`}>
              <span class="grow">
                <strong>{campaign.name}</strong>
                <span class="meta">
                  {t('campaigns.period', { from: campaign.startsOn, to: campaign.endsOn })} · {t('campaign.goal')}: {t(`goal.${campaign.goal}`)}
                </span>
              </span>
              <span class="badge">{t(`scope.${campaign.scope}`)}</span>
            </a>
          </li>
        )}
      </ListBody>
    </section>
  );
}
