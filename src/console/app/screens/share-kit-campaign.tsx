import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { api, type Campaign, type ShareChannel } from '../lib/api';
import { CHANNELS } from './humas/campaign-links';

export interface TrackedChoice {
  campaignId: string;
  channel: ShareChannel;
}

/**
 * "Bagikan": an optional campaign in the admin's scope and a channel; choosing them gives the
 * caption the campaign's tracked `/s/{code}` link. Hidden when the campaigns cannot be read.
 */
export function ShareCampaignPicker({ value, onChange }: { value: TrackedChoice | undefined; onChange: (choice: TrackedChoice | undefined) => void }) {
  const { t } = useI18n();
  const [campaigns, setCampaigns] = useState<Campaign[] | undefined>();

  useEffect(() => {
    let live = true;
    api
      .GET('/api/v1/admin/humas/campaigns', { params: { query: { limit: 100 } } })
      .then(({ data }) => live && data && setCampaigns(data.data))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  if (!campaigns) return null;
  return (
    <div class="share-campaign">
      <label for="share-campaign">{t('share.campaign')}</label>
      <p class="hint" id="share-campaign-hint">
        {t('share.campaignHint')}
      </p>
      <select
        id="share-campaign"
        aria-describedby="share-campaign-hint"
        value={value?.campaignId ?? ''}
        onChange={(e) => {
          const campaignId = e.currentTarget.value;
          onChange(campaignId ? { campaignId, channel: value?.channel ?? 'WHATSAPP' } : undefined);
        }}
      >
        <option value="">{t('share.noCampaign')}</option>
        {campaigns.map((campaign) => (
          <option value={campaign.id} key={campaign.id}>
            {campaign.name}
          </option>
        ))}
      </select>
      {value && (
        <>
          <label for="share-channel">{t('share.channel')}</label>
          <select id="share-channel" value={value.channel} onChange={(e) => onChange({ ...value, channel: e.currentTarget.value as ShareChannel })}>
            {CHANNELS.map((channel) => (
              <option value={channel} key={channel}>
                {t(`channel.${channel}`)}
              </option>
            ))}
          </select>
        </>
      )}
    </div>
  );
}
