import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n';
import { api, type HumasRanking, type Me } from '../../lib/api';
import { fetchMonthlyReport, handOver, type ReportFormat } from '../../lib/humas-files';

/** This month and the eleven before it, as 2026-11, by the calendar in Jakarta (WIB). */
function recentMonths(): string[] {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  const [year = 2026, month = 1] = today.split('-').map(Number);
  return Array.from({ length: 12 }, (_, back) => {
    const index = year * 12 + (month - 1) - back;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/**
 * This month's ranking: a facility admin sees its facility's place, a regional admin its Kanwil's
 * place among the Kanwil, national staff the whole list of Kanwil (the API decides what is shown).
 */
export function RankingSection({ user }: { user: Me }) {
  const { t } = useI18n();
  const [ranking, setRanking] = useState<HumasRanking | undefined>();
  const [failed, setFailed] = useState(false);
  const month = recentMonths()[0] ?? '';

  useEffect(() => {
    const level = user.role === 'FACILITY_ADMIN' ? 'facility' : 'kanwil';
    void api
      .GET('/api/v1/admin/humas/ranking', { params: { query: { period: month, level } } })
      .then(({ data }) => (data ? setRanking(data) : setFailed(true)))
      .catch(() => setFailed(true));
  }, [user.id]);

  const own = ranking?.entries.find((entry) => entry.id === (user.role === 'FACILITY_ADMIN' ? user.facilityId : user.kanwilId));
  return (
    <section class="card" aria-labelledby="ranking-title">
      <h2 id="ranking-title">{t('humas.ranking', { month })}</h2>
      {failed && (
        <p class="alert" role="alert">
          {t('app.offline')}
        </p>
      )}
      {ranking && (
        <>
          {own && <p class="count">{t('humas.place', { rank: own.rank, total: ranking.total })}</p>}
          <table class="bars">
            <caption class="visually-hidden">{t('humas.ranking', { month })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('humas.rank')}</th>
                <th scope="col">{t('humas.office')}</th>
                <th scope="col" class="num">
                  {t('humas.score')}
                </th>
              </tr>
            </thead>
            <tbody>
              {ranking.entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{entry.rank}</td>
                  <th scope="row">{entry.name}</th>
                  <td class="num">{new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 }).format(entry.score)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="hint">{t('humas.scoreHint')}</p>
        </>
      )}
    </section>
  );
}

/** The monthly report of a Kanwil: a regional admin's own; national staff choose one. */
export function MonthlyReportSection({ user }: { user: Me }) {
  const { t } = useI18n();
  const months = recentMonths();
  const [month, setMonth] = useState(months[0] ?? '');
  const [kanwils, setKanwils] = useState<{ id: string; name: string }[]>([]);
  const [kanwilId, setKanwilId] = useState('');
  const [message, setMessage] = useState<string | undefined>();

  useEffect(() => {
    if (user.role !== 'SUPERADMIN') return;
    // The national list of Kanwil, as the ranking names them.
    void api.GET('/api/v1/admin/humas/ranking', { params: { query: { period: months[0] ?? '', level: 'kanwil' } } }).then(({ data }) => {
      const list = [...(data?.entries ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'id'));
      setKanwils(list);
      setKanwilId((current) => current || (list[0]?.id ?? ''));
    });
  }, [user.id]);

  async function get(format: ReportFormat): Promise<void> {
    setMessage(undefined);
    try {
      const result = await fetchMonthlyReport(month, format, user.role === 'SUPERADMIN' ? kanwilId : undefined);
      if ('status' in result) return setMessage(t('humas.reportFailed'));
      handOver(result.blob, format === 'html' ? undefined : (result.filename ?? `etalase-humas-${month}.${format}`));
    } catch {
      setMessage(t('app.offline'));
    }
  }

  return (
    <section class="card" aria-labelledby="report-title">
      <h2 id="report-title">{t('humas.report')}</h2>
      <p class="hint">{t('humas.reportHint')}</p>
      <label for="report-month">{t('humas.month')}</label>
      <select id="report-month" value={month} onChange={(e) => setMonth(e.currentTarget.value)}>
        {months.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
      {user.role === 'SUPERADMIN' && (
        <>
          <label for="report-kanwil">{t('humas.kanwil')}</label>
          <select id="report-kanwil" value={kanwilId} onChange={(e) => setKanwilId(e.currentTarget.value)}>
            {kanwils.map((kanwil) => (
              <option key={kanwil.id} value={kanwil.id}>
                {kanwil.name}
              </option>
            ))}
          </select>
        </>
      )}
      <div class="actions">
        <button type="button" onClick={() => void get('html')}>
          {t('humas.reportPrint')}
        </button>
        {(['pdf', 'csv', 'xlsx'] as const).map((format) => (
          <button type="button" key={format} onClick={() => void get(format)}>
            {t('humas.download', { format: format.toUpperCase() })}
          </button>
        ))}
      </div>
      {message && (
        <p class="alert" role="alert">
          {message}
        </p>
      )}
    </section>
  );
}
