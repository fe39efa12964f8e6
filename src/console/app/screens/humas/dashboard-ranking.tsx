import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n';
import { api, type HumasRanking, type Me } from '../../lib/api';
import { fetchMonthlyReport, handOver, type ReportFormat } from '../../lib/humas-files';
import { Field } from '../field';
import { Offline } from '../offline';

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

type KanwilChoice = { id: string; name: string };

/**
 * The monthly report of a Kanwil: a regional admin gets its own (no choice); national staff pick
 * any Kanwil from the regions list (GET /regions, as the facility form does) and a month. No
 * Kanwil is chosen for them: a report signed for the wrong office is worse than one more tap.
 */
export function MonthlyReportSection({ user }: { user: Me }) {
  const { t } = useI18n();
  const national = user.role === 'SUPERADMIN';
  const months = recentMonths();
  const [month, setMonth] = useState(months[0] ?? '');
  const [kanwils, setKanwils] = useState<KanwilChoice[] | undefined>();
  const [kanwilsFailed, setKanwilsFailed] = useState(false);
  const [kanwilId, setKanwilId] = useState('');
  const [kanwilError, setKanwilError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | undefined>();

  function loadKanwils(): void {
    setKanwilsFailed(false);
    api
      .GET('/api/v1/regions')
      .then(({ data }) => {
        if (!data) return setKanwilsFailed(true);
        setKanwils(data.data.map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'id')));
      })
      .catch(() => setKanwilsFailed(true));
  }

  useEffect(() => {
    if (national) loadKanwils();
  }, [user.id]);

  async function get(format: ReportFormat): Promise<void> {
    setMessage(undefined);
    setKanwilError(undefined);
    if (national && !kanwilId) return setKanwilError(t('humas.chooseKanwil'));
    try {
      const result = await fetchMonthlyReport(month, format, national ? kanwilId : undefined);
      if ('status' in result) return setMessage(t('humas.reportFailed'));
      handOver(result.blob, format === 'html' ? undefined : (result.filename ?? `etalase-humas-${month}.${format}`));
    } catch {
      setMessage(t('app.offline'));
    }
  }

  return (
    <section class="card" aria-labelledby="report-title">
      <h2 id="report-title">{t('humas.report')}</h2>
      <p class="hint">{t(national ? 'humas.reportHintNational' : 'humas.reportHint')}</p>
      {national &&
        (kanwilsFailed ? (
          <Offline onRetry={loadKanwils} />
        ) : kanwils === undefined ? (
          <p class="loading">{t('app.loading')}</p>
        ) : (
          <Field
            id="report-kanwil"
            label={t('humas.kanwil')}
            error={kanwilError}
            value={kanwilId}
            onInput={(value) => {
              setKanwilId(value);
              // Once a Kanwil is chosen, "choose a Kanwil first" no longer applies.
              if (value) setKanwilError(undefined);
            }}
            select
            required
          >
            <option value="">{t('humas.chooseKanwilOption')}</option>
            {kanwils.map((kanwil) => (
              <option key={kanwil.id} value={kanwil.id}>
                {kanwil.name}
              </option>
            ))}
          </Field>
        ))}
      <Field id="report-month" label={t('humas.month')} value={month} onInput={(value) => setMonth(value)} select>
        {months.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </Field>
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
