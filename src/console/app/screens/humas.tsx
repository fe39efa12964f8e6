import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { rupiah, useI18n } from '../i18n/i18n';
import { api, type HumasDashboard, type HumasRanking, type Me } from '../lib/api';

const percent = (ratio: number): string => `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(ratio * 100)}%`;
const number = (value: number): string => new Intl.NumberFormat('id-ID').format(value);

/** Today's month on the WIB calendar (UTC+7), the API's calendar. */
function thisMonth(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
}

/** The month's first day and its last, or today for the current month (the ODON target counts only days gone by). */
function monthPeriod(month: string): { from: string; to: string } {
  const [year, index] = month.split('-').map(Number) as [number, number];
  const end = `${month}-${String(new Date(Date.UTC(year, index, 0)).getUTCDate()).padStart(2, '0')}`;
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  return { from: `${month}-01`, to: end < today ? end : today };
}

type ReportFormat = 'pdf' | 'xlsx' | 'csv';

/**
 * The Humas dashboard of the admin's own scope for a month (the API decides the scope), its place
 * in the ranking, and for a regional office the monthly report to sign.
 */
export function HumasScreen({ user }: { user: Me }) {
  const { t } = useI18n();
  const [month, setMonth] = useState(thisMonth);
  const [dashboard, setDashboard] = useState<HumasDashboard | undefined>();
  const [ranking, setRanking] = useState<HumasRanking | undefined>();
  const [failed, setFailed] = useState(false);

  async function load(of: string): Promise<void> {
    setFailed(false);
    try {
      const [board, place] = await Promise.all([
        api.GET('/api/v1/admin/humas/dashboard', { params: { query: monthPeriod(of) } }),
        api.GET('/api/v1/admin/humas/ranking', { params: { query: { period: of, level: user.role === 'FACILITY_ADMIN' ? 'facility' : 'kanwil' } } }),
      ]);
      if (!board.data) return setFailed(true);
      setDashboard(board.data);
      setRanking(place.data);
    } catch {
      setFailed(true);
    }
  }

  useEffect(() => void load(month), [month]);

  async function download(format: ReportFormat): Promise<void> {
    const { data } = await api.GET('/api/v1/admin/humas/reports/monthly', { params: { query: { month, format } }, parseAs: 'blob' });
    if (!(data instanceof Blob)) return setFailed(true);
    const url = URL.createObjectURL(data);
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = `laporan-humas-${month}.${format}`;
    anchor.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  const d = dashboard;
  return (
    <section>
      <h1>{t('humas.title')}</h1>
      <div class="field">
        <label for="humas-month">{t('humas.month')}</label>
        <input id="humas-month" type="month" value={month} max={thisMonth()} onChange={(event) => event.currentTarget.value && setMonth(event.currentTarget.value)} />
      </div>
      {failed && (
        <p class="alert" role="alert">
          {t('app.offline')}{' '}
          <button type="button" onClick={() => void load(month)}>
            {t('app.retry')}
          </button>
        </p>
      )}
      {!d ? (
        !failed && <p class="loading">{t('app.loading')}</p>
      ) : (
        <>
          <p class="meta">{t('humas.scope', { name: d.scope.name })}</p>
          <dl class="facts">
            <dt>{t('humas.odon')}</dt>
            <dd>{t('humas.odonValue', { published: number(d.odon.published), target: number(d.odon.target), percent: percent(d.odon.attainment) })}</dd>
            <dt>{t('humas.views')}</dt>
            <dd>{number(d.visits.views)}</dd>
            <dt>{t('humas.uniques')}</dt>
            <dd>{number(d.visits.dailyUniqueVisitorsSummed)}</dd>
            <dt>{t('humas.clicks')}</dt>
            <dd>{number(d.shareClicks.total)}</dd>
            <dt>{t('humas.orders')}</dt>
            <dd>{number(d.orders.orders)}</dd>
            <dt>{t('humas.paid')}</dt>
            <dd>{number(d.orders.paidOrders)}</dd>
            <dt>{t('humas.revenue')}</dt>
            <dd>{rupiah(d.orders.paidRevenue)}</dd>
            <dt>{t('humas.conversion')}</dt>
            <dd>{d.orders.conversion === null ? t('humas.none') : percent(d.orders.conversion)}</dd>
            <dt>{t('humas.listings')}</dt>
            <dd>{number(d.productsNewlyListed)}</dd>
            <dt>{t('humas.review')}</dt>
            <dd>{d.stories.medianReviewHours === null ? t('humas.none') : t('humas.reviewValue', { hours: String(d.stories.medianReviewHours) })}</dd>
          </dl>
          <p class="hint">{t('humas.odonHint', { units: String(d.units), days: String(d.days) })}</p>
          <p class="hint">{t('humas.uniquesHint')}</p>
          {ranking && ranking.entries.length > 0 && (
            <>
              <h2>{t('humas.ranking')}</h2>
              <ol class="list">
                {ranking.entries.map((entry) => (
                  <li key={entry.id}>
                    <span class="grow">
                      <strong>{entry.name}</strong>
                      <span class="meta">{t('humas.place', { rank: String(entry.rank), total: String(ranking.total), score: String(entry.score) })}</span>
                    </span>
                  </li>
                ))}
              </ol>
            </>
          )}
          <h2>{t('humas.weekly')}</h2>
          <dl class="facts">
            {d.trends.weekly.map((week) => (
              <Fragment key={week.period}>
                <dt>{t('humas.weekRange', { from: week.from.slice(5), to: week.to.slice(5) })}</dt>
                <dd>
                  {number(week.storiesPublished)} · {number(week.views)} · {number(week.orders)}
                </dd>
              </Fragment>
            ))}
          </dl>
          <p class="hint">{t('humas.weekHint')}</p>
          {user.role === 'REGIONAL_ADMIN' && (
            <>
              <h2>{t('humas.report')}</h2>
              <p class="hint">{t('humas.reportHint')}</p>
              {(['pdf', 'xlsx', 'csv'] as const).map((format) => (
                <button key={format} type="button" class="download" onClick={() => void download(format)}>
                  {t(`humas.download.${format}`)}
                </button>
              ))}
            </>
          )}
        </>
      )}
    </section>
  );
}
