import { useEffect, useState } from 'preact/hooks';
import { rupiah, useI18n, type MessageKey, type Translate } from '../i18n/i18n';
import { api, type Problem, type SalesReport } from '../lib/api';
import { fetchFile, saveFile } from '../lib/download';
import { readProblem } from '../lib/problems';
import { BarChart } from './bar-chart';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const GROUPS = ['month', 'program', 'facility'] as const;
type Group = (typeof GROUPS)[number];
type Row = SalesReport['data'][number];

/** Today and the first of the month eleven months back, on the WIB calendar the API counts in. */
function defaultPeriod(): { from: string; to: string } {
  const to = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  const [year = 0, month = 1] = to.split('-').map(Number);
  const start = new Date(Date.UTC(year, month - 12, 1));
  return { from: start.toISOString().slice(0, 10), to };
}

function labelOf(group: Group, row: Row, t: Translate, language: string): string {
  if (group === 'month') {
    const [year = 0, month = 1] = (row.month ?? '').split('-').map(Number);
    return new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 1)));
  }
  if (group === 'program') return row.program ? t(`program.${row.program}` as MessageKey) : '-';
  return row.facilityName ?? '-';
}

function query(group: Group, from: string, to: string): string {
  return `/api/v1/admin/reports/sales?${new URLSearchParams({ from, to, groupBy: group }).toString()}`;
}

function ReportSection({ group, from, to }: { group: Group; from: string; to: string }) {
  const { t, language } = useI18n();
  const [report, setReport] = useState<SalesReport | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [saving, setSaving] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    setReport(undefined);
    setProblem(undefined);
    api
      .GET('/api/v1/admin/reports/sales', { params: { query: { from, to, groupBy: [group] } } })
      .then(({ data, error }) => {
        if (!live) return;
        if (data && typeof data === 'object') setReport(data);
        else setProblem(readProblem(error as Problem, t).message ?? t('error.generic'));
      })
      .catch(() => live && setProblem(t('app.offline')));
    return () => {
      live = false;
    };
  }, [group, from, to, t]);

  async function download(format: 'csv' | 'xlsx'): Promise<void> {
    setSaving(format);
    setProblem(undefined);
    try {
      const file = await fetchFile(query(group, from, to), format === 'csv' ? 'text/csv' : XLSX);
      if (file.ok) saveFile(file.blob, file.fileName ?? `penjualan-${group}.${format}`);
      else setProblem(t(file.status >= 500 ? 'error.server' : 'error.generic'));
    } catch {
      setProblem(t('app.offline'));
    } finally {
      setSaving(undefined);
    }
  }

  const id = `report-${group}`;
  const rows = report?.data ?? [];
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{t(`reports.by.${group}` as MessageKey)}</h2>
      {problem && (
        <p class="alert" role="alert">
          {problem}
        </p>
      )}
      {report === undefined ? (
        !problem && <p class="loading">{t('app.loading')}</p>
      ) : rows.length === 0 ? (
        <p>{t('reports.empty')}</p>
      ) : (
        <>
          <BarChart bars={rows.map((row) => ({ label: labelOf(group, row, t, language), value: row.gross, shown: rupiah(row.gross) }))} />
          <div class="table-wrap">
            <table class="data">
              <caption>{t('reports.tableCaption', { what: t(`reports.by.${group}` as MessageKey) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`reports.col.${group}` as MessageKey)}</th>
                  <th scope="col">{t('reports.col.gross')}</th>
                  <th scope="col">{t('reports.col.premi')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={labelOf(group, row, t, language)}>
                    <th scope="row">
                      {labelOf(group, row, t, language)}
                      <span class="meta">{t('reports.orders', { count: row.orders })}</span>
                    </th>
                    <td>{rupiah(row.gross)}</td>
                    <td>{rupiah(row.premi)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">
                    {t('reports.total')}
                    <span class="meta">{t('reports.orders', { count: report.totals.orders })}</span>
                  </th>
                  <td>{rupiah(report.totals.gross)}</td>
                  <td>{rupiah(report.totals.premi)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
      <div class="actions">
        <button type="button" disabled={saving !== undefined} onClick={() => void download('csv')}>
          {t('reports.csv', { what: t(`reports.short.${group}` as MessageKey) })}
        </button>
        <button type="button" disabled={saving !== undefined} onClick={() => void download('xlsx')}>
          {t('reports.xlsx', { what: t(`reports.short.${group}` as MessageKey) })}
        </button>
      </div>
    </section>
  );
}

/** Sales by month, programme and facility, in the reader's scope (the API decides it), with exports. */
export function ReportsScreen() {
  const { t } = useI18n();
  const [period, setPeriod] = useState(defaultPeriod);
  const [draft, setDraft] = useState(period);
  const invalid = !draft.from || !draft.to || draft.from > draft.to;

  return (
    <section>
      <h1>{t('reports.title')}</h1>
      <p class="hint">{t('reports.hint')}</p>
      <form
        class="period"
        onSubmit={(event) => {
          event.preventDefault();
          if (!invalid) setPeriod(draft);
        }}
      >
        <div class="field">
          <label for="report-from">{t('reports.from')}</label>
          <input id="report-from" type="date" value={draft.from} required onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for="report-to">{t('reports.to')}</label>
          <input id="report-to" type="date" value={draft.to} required onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })} aria-describedby={invalid ? 'report-period-error' : undefined} />
        </div>
        {invalid && (
          <p class="error" id="report-period-error">
            {t('reports.periodError')}
          </p>
        )}
        <button type="submit" class="primary" disabled={invalid}>
          {t('reports.show')}
        </button>
      </form>
      {GROUPS.map((group) => (
        <ReportSection key={group} group={group} from={period.from} to={period.to} />
      ))}
    </section>
  );
}
