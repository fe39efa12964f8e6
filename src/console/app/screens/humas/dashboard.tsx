import { useEffect, useState } from 'preact/hooks';
import { rupiah, useI18n, type MessageKey } from '../../i18n/i18n';
import { api, type HumasDashboard, type Me } from '../../lib/api';
import { BASE, navigate } from '../../lib/router';
import { BarTable } from './bars';
import { CHANNELS } from './campaign-links';
import { MonthlyReportSection, RankingSection } from './dashboard-ranking';
import { Offline } from '../offline';

const VISIT_SOURCES = ['CAMPAIGN', 'WHATSAPP', 'INSTAGRAM', 'FACEBOOK', 'TIKTOK', 'X', 'GOOGLE', 'OTHER_SEARCH', 'INTERNAL', 'DIRECT', 'OTHER'] as const;

/** A channel has its words under `channel.`, the other sources under `source.`. */
function sourceKey(source: string): MessageKey {
  return ((CHANNELS as readonly string[]).includes(source) ? `channel.${source}` : `source.${source}`) as MessageKey;
}

function percent(ratio: number | null): string {
  return ratio === null ? '–' : `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(ratio * 100)}%`;
}

const number = (value: number): string => new Intl.NumberFormat('id-ID').format(value);

interface DashboardProps {
  user: Me;
  from: string;
  to: string;
}

/** The reader's own scope (facility, Kanwil or nation) over a period, in the Directorate General's terms. */
export function HumasDashboardScreen({ user, from, to }: DashboardProps) {
  const { t } = useI18n();
  const [dashboard, setDashboard] = useState<HumasDashboard | undefined>();
  const [failed, setFailed] = useState(false);
  const [period, setPeriod] = useState({ from, to });

  async function load(): Promise<void> {
    setFailed(false);
    try {
      const { data } = await api.GET('/api/v1/admin/humas/dashboard', { params: { query: { ...(from && { from }), ...(to && { to }) } } });
      if (!data) return setFailed(true);
      setDashboard(data);
    } catch {
      setFailed(true);
    }
  }

  useEffect(() => {
    setPeriod({ from, to });
    setDashboard(undefined);
    void load();
  }, [from, to]);

  const d = dashboard;
  return (
    <section>
      <h1>{t('humas.title')}</h1>
      <form
        class="period"
        onSubmit={(event) => {
          event.preventDefault();
          const query = new URLSearchParams({ ...(period.from && { from: period.from }), ...(period.to && { to: period.to }) }).toString();
          navigate(`${BASE}/humas${query ? `?${query}` : ''}`);
        }}
      >
        <fieldset>
          <legend>{t('humas.period')}</legend>
          <p class="hint">{t('humas.periodHint')}</p>
          <label for="from">{t('humas.from')}</label>
          <input id="from" type="date" value={period.from} onInput={(e) => setPeriod({ ...period, from: e.currentTarget.value })} />
          <label for="to">{t('humas.to')}</label>
          <input id="to" type="date" value={period.to} onInput={(e) => setPeriod({ ...period, to: e.currentTarget.value })} />
          <button type="submit">{t('humas.show')}</button>
        </fieldset>
      </form>
      {failed && (
        <Offline onRetry={() => void load()} />
      )}
      {d === undefined ? (
        !failed && <p class="loading">{t('app.loading')}</p>
      ) : (
        <>
          <p>{t('humas.scope', { name: d.scope.name, from: d.from, to: d.to, days: d.days, units: d.units })}</p>
          <section class="card" aria-labelledby="odon-title">
            <h2 id="odon-title">{t('humas.odon')}</h2>
            <p class="count">{percent(d.odon.attainment)}</p>
            <p>{t('humas.odonLine', { published: number(d.odon.published), target: number(d.odon.target), percent: percent(d.odon.attainment) })}</p>
            <svg viewBox="0 0 100 12" width="100%" height="12" preserveAspectRatio="none" aria-hidden="true" focusable="false">
              <rect x="0" y="0" width="100" height="12" rx="2" fill="#e7e9e4" />
              <rect x="0" y="0" width={Math.min(1, d.odon.attainment) * 100} height="12" rx="2" fill="#0b5c3b" />
            </svg>
            <p class="hint">{t('humas.odonHint')}</p>
          </section>
          <section class="card" aria-labelledby="visits-title">
            <h2 id="visits-title">{t('humas.visits')}</h2>
            <dl class="figures">
              <div>
                <dt>{t('humas.views')}</dt>
                <dd>{number(d.visits.views)}</dd>
              </div>
              <div>
                <dt>{t('humas.uniques')}</dt>
                <dd>{number(d.visits.dailyUniqueVisitorsSummed)}</dd>
              </div>
            </dl>
            <p class="note">{t('humas.uniquesHint')}</p>
            <BarTable
              caption={t('humas.bySource')}
              labelHeading={t('humas.source')}
              valueHeading={t('humas.views')}
              rows={VISIT_SOURCES.map((source) => ({ key: source, label: t(sourceKey(source)), value: d.visits.viewsBySource[source] }))}
            />
          </section>
          <section class="card" aria-labelledby="clicks-title">
            <h2 id="clicks-title">{t('humas.clicks')}</h2>
            <BarTable
              caption={t('humas.clicks')}
              captionHidden
              labelHeading={t('links.channel')}
              valueHeading={t('summary.clicks')}
              rows={CHANNELS.map((channel) => ({ key: channel, label: t(`channel.${channel}`), value: d.shareClicks.byChannel[channel] }))}
              total={{ label: t('summary.total'), value: d.shareClicks.total }}
            />
          </section>
          <OrdersSection dashboard={d} />
          <section class="card" aria-labelledby="work-title">
            <h2 id="work-title">{t('humas.productsNew')}</h2>
            <dl class="figures">
              <div>
                <dt>{t('humas.productsNew')}</dt>
                <dd>{number(d.productsNewlyListed)}</dd>
              </div>
              <div>
                <dt>{t('humas.storiesReviewed')}</dt>
                <dd>{number(d.stories.reviewed)}</dd>
              </div>
              <div>
                <dt>{t('humas.reviewHours')}</dt>
                <dd>{d.stories.medianReviewHours === null ? '–' : t('humas.hours', { hours: d.stories.medianReviewHours })}</dd>
              </div>
            </dl>
          </section>
        </>
      )}
      <RankingSection user={user} />
      {(user.role === 'REGIONAL_ADMIN' || user.role === 'SUPERADMIN') && <MonthlyReportSection user={user} />}
    </section>
  );
}

function OrdersSection({ dashboard }: { dashboard: HumasDashboard }) {
  const { t } = useI18n();
  const orders = dashboard.orders;
  return (
    <section class="card" aria-labelledby="orders-title">
      <h2 id="orders-title">{t('humas.orders')}</h2>
      <dl class="figures">
        <div>
          <dt>{t('summary.ordersPlaced')}</dt>
          <dd>{number(orders.orders)}</dd>
        </div>
        <div>
          <dt>{t('summary.paidOrders')}</dt>
          <dd>{number(orders.paidOrders)}</dd>
        </div>
        <div>
          <dt>{t('summary.revenue')}</dt>
          <dd>{rupiah(orders.paidRevenue)}</dd>
        </div>
        <div>
          <dt>{t('humas.conversion')}</dt>
          <dd>{percent(orders.conversion)}</dd>
        </div>
      </dl>
      <table class="bars">
        <caption>
          {t('humas.byCampaign')} ({t('summary.last')})
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('humas.campaign')}</th>
            <th scope="col" class="num">
              {t('summary.orders')}
            </th>
            <th scope="col" class="num">
              {t('summary.revenue')}
            </th>
          </tr>
        </thead>
        <tbody>
          {orders.byCampaign.length === 0 ? (
            <tr>
              <td colSpan={3}>{t('humas.noCampaignOrders')}</td>
            </tr>
          ) : (
            orders.byCampaign.map((row) => (
              <tr key={row.campaignId}>
                <th scope="row">
                  <a href={`${BASE}/kampanye/${row.campaignId}`}>{row.campaignName}</a>
                </th>
                <td class="num">{number(row.orders)}</td>
                <td class="num">{rupiah(row.paidRevenue)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <BarTable
        caption={t('humas.bySourceOrders')}
        labelHeading={t('humas.source')}
        valueHeading={t('summary.orders')}
        rows={orders.bySource.map((row) => ({ key: row.source, label: t(sourceKey(row.source)), value: row.orders }))}
      />
    </section>
  );
}
