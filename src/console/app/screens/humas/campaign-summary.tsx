import { useEffect, useState } from 'preact/hooks';
import { rupiah, useI18n } from '../../i18n/i18n';
import { api, type CampaignSummary } from '../../lib/api';
import { BarTable } from './bars';
import { CHANNELS } from './campaign-links';

type Touch = 'last' | 'first';

/** Clicks by channel and the orders the campaign brought, by last touch (default) or first. */
export function CampaignSummarySection({ campaignId }: { campaignId: string }) {
  const { t } = useI18n();
  const [touch, setTouch] = useState<Touch>('last');
  const [summary, setSummary] = useState<CampaignSummary | undefined>();
  const [failed, setFailed] = useState(false);

  async function load(which: Touch): Promise<void> {
    setFailed(false);
    try {
      const { data } = await api.GET('/api/v1/admin/humas/campaigns/{id}/summary', { params: { path: { id: campaignId }, query: { touch: which } } });
      if (!data) return setFailed(true);
      setSummary(data);
    } catch {
      setFailed(true);
    }
  }

  useEffect(() => {
    void load(touch);
  }, [campaignId, touch]);

  const conversion = summary && summary.clicks > 0 ? `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format((summary.paidOrders / summary.clicks) * 100)}%` : '–';
  return (
    <section class="card" aria-labelledby="summary-title">
      <h2 id="summary-title">{t('summary.title')}</h2>
      <fieldset class="toggle">
        <legend>{t('summary.touch')}</legend>
        <p class="hint" id="touch-hint">
          {t('summary.touchHint')}
        </p>
        {(['last', 'first'] as const).map((value) => (
          <label key={value} class="choice">
            <input type="radio" name="touch" value={value} checked={touch === value} aria-describedby="touch-hint" onChange={() => setTouch(value)} />
            {t(value === 'last' ? 'summary.last' : 'summary.first')}
          </label>
        ))}
      </fieldset>
      <button type="button" onClick={() => void load(touch)}>
        {t('summary.refresh')}
      </button>
      {failed && (
        <p class="alert" role="alert">
          {t('app.offline')}
        </p>
      )}
      {summary === undefined ? (
        !failed && <p class="loading">{t('app.loading')}</p>
      ) : (
        <div aria-live="polite">
          <BarTable
            caption={t('summary.clicksByChannel')}
            labelHeading={t('links.channel')}
            valueHeading={t('summary.clicks')}
            rows={CHANNELS.map((channel) => ({ key: channel, label: t(`channel.${channel}`), value: summary.clicksByChannel[channel] }))}
            total={{ label: t('summary.total'), value: summary.clicks }}
          />
          <p class="hint">{t('summary.clicksHint')}</p>
          <table class="bars">
            <caption>
              {t('summary.orders')} ({t(touch === 'last' ? 'summary.last' : 'summary.first')})
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('summary.measure')}</th>
                <th scope="col" class="num">
                  {t('summary.value')}
                </th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('summary.ordersPlaced')}</th>
                <td class="num">{summary.orders}</td>
              </tr>
              <tr>
                <th scope="row">{t('summary.paidOrders')}</th>
                <td class="num">{summary.paidOrders}</td>
              </tr>
              <tr>
                <th scope="row">{t('summary.revenue')}</th>
                <td class="num">{rupiah(summary.paidRevenue)}</td>
              </tr>
              <tr>
                <th scope="row">{t('summary.conversion')}</th>
                <td class="num">{conversion}</td>
              </tr>
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
