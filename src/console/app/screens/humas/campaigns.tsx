import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n';
import { api, type Campaign } from '../../lib/api';
import { BASE } from '../../lib/router';
import { Offline } from '../offline';

/** Campaigns in the reader's scope (the API decides which), newest first. */
export function CampaignsScreen() {
  const { t } = useI18n();
  const [campaigns, setCampaigns] = useState<Campaign[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  async function load(from: string | null): Promise<void> {
    setFailed(false);
    try {
      const { data } = await api.GET('/api/v1/admin/humas/campaigns', { params: { query: { limit: 24, ...(from !== null && { cursor: from }) } } });
      if (!data) return setFailed(true);
      setCampaigns((before) => (from === null ? data.data : [...(before ?? []), ...data.data]));
      setCursor(data.nextCursor);
    } catch {
      setFailed(true);
    }
  }

  useEffect(() => {
    void load(null);
  }, []);

  return (
    <section>
      <h1>{t('campaigns.title')}</h1>
      <p class="hint">{t('campaigns.intro')}</p>
      <a class="button primary" href={`${BASE}/kampanye/baru`}>
        {t('campaigns.new')}
      </a>
      {failed && (
        <Offline onRetry={() => void load(null)} />
      )}
      {campaigns === undefined ? (
        !failed && <p class="loading">{t('app.loading')}</p>
      ) : campaigns.length === 0 ? (
        <p>{t('campaigns.empty')}</p>
      ) : (
        <ul class="list">
          {campaigns.map((campaign) => (
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
          ))}
        </ul>
      )}
      {cursor !== null && (
        <button type="button" onClick={() => void load(cursor)}>
          {t('campaigns.more')}
        </button>
      )}
    </section>
  );
}
