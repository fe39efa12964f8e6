import type { ReportCell, ReportTable } from '../../impact/report-table.js';
import type { HumasMonthlyReportView } from './monthly-report.views.js';

const percent = (ratio: number): number => Math.round(ratio * 1000) / 10;

/** The monthly report as the CSV/XLSX writers read it: a row per facility, the Kanwil's totals, the headline facts. */
export function monthlyReportTable(report: HumasMonthlyReportView): ReportTable {
  const { summary } = report;
  const rows: ReportCell[][] = report.facilities.map((f) => [f.rank, f.name, f.score, f.storiesPublished, f.odonTarget, percent(f.odonAttainment), f.dailyUniqueVisitorsSummed, f.orders, f.productsNewlyListed]);
  return {
    name: `etalase-humas-${report.month}-${report.kanwil.id.slice(0, 8)}`,
    sheet: 'Humas',
    columns: [
      { key: 'rank', kind: 'count' },
      { key: 'facility', kind: 'text' },
      { key: 'score', kind: 'decimal' },
      { key: 'storiesPublished', kind: 'count' },
      { key: 'odonTarget', kind: 'count' },
      { key: 'odonAttainmentPercent', kind: 'decimal' },
      { key: 'dailyUniqueVisitorsSummed', kind: 'count' },
      { key: 'orders', kind: 'count' },
      { key: 'productsNewlyListed', kind: 'count' },
    ],
    rows,
    totals: [null, 'TOTAL', null, summary.odon.published, summary.odon.target, percent(summary.odon.attainment), summary.visits.dailyUniqueVisitorsSummed, summary.orders.orders, summary.productsNewlyListed],
    csvTotals: true,
    facts: [
      { label: 'kanwil', kind: 'text', value: report.kanwil.name },
      { label: 'month', kind: 'month', value: report.month },
      { label: 'from', kind: 'date', value: summary.from },
      { label: 'to', kind: 'date', value: summary.to },
      { label: 'nationalRank', kind: 'count', value: report.nationalPlace?.rank ?? null },
      { label: 'kanwilsRanked', kind: 'count', value: report.nationalPlace?.total ?? null },
      { label: 'score', kind: 'decimal', value: report.nationalPlace?.score ?? null },
      { label: 'views', kind: 'count', value: summary.visits.views },
      { label: 'shareClicks', kind: 'count', value: summary.shareClicks.total },
      { label: 'paidOrders', kind: 'count', value: summary.orders.paidOrders },
      { label: 'paidRevenue', kind: 'money', value: summary.orders.paidRevenue },
      { label: 'medianReviewHours', kind: 'decimal', value: summary.stories.medianReviewHours },
      { label: 'currency', kind: 'text', value: 'IDR' },
    ],
  };
}
