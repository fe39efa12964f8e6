import { REPORT_MEASURES, type ReportMeasure } from './report.types.js';
import type { PnbpReportView, SalesReportView } from './report.views.js';
import { GROUP_COLUMNS } from './sales-report.queries.js';

/**
 * What a column holds, which decides how a file writes it: text always as text (never a formula),
 * counts and money as integers, months as dates.
 */
export type ColumnKind = 'text' | 'count' | 'decimal' | 'money' | 'month' | 'date';
export type ReportCell = string | number | null;

export interface ReportColumn {
  key: string;
  kind: ColumnKind;
}

export interface ReportFact {
  label: string;
  kind: ColumnKind;
  value: ReportCell;
}

/** A report as rows and columns, the one shape the CSV and XLSX writers read. */
export interface ReportTable {
  /** File name without extension. */
  name: string;
  sheet: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
  totals: ReportCell[];
  /** The PNBP file carries its TOTAL line as filed; the sales CSV has always been rows only. */
  csvTotals: boolean;
  /** What the rows are about (period, facility, ...), for the workbook's second sheet. */
  facts: ReportFact[];
}

const TOTAL_LABEL = 'TOTAL';
const camel = (snake: string): string => snake.replace(/_([a-z])/g, (_m, letter: string) => letter.toUpperCase());
const measureKind = (measure: ReportMeasure): ColumnKind => (measure === 'orders' || measure === 'items' ? 'count' : 'money');
const MEASURE_COLUMNS: ReportColumn[] = REPORT_MEASURES.map((measure) => ({ key: measure, kind: measureKind(measure) }));

export function salesTable(report: SalesReportView): ReportTable {
  const keys = report.groupBy.flatMap((group) => GROUP_COLUMNS[group].as.map(camel));
  const columns: ReportColumn[] = [...keys.map((key): ReportColumn => ({ key, kind: key === 'month' ? 'month' : 'text' })), ...MEASURE_COLUMNS];
  const rows = report.data.map((row) => {
    const record = row as unknown as Record<string, string | number | null | undefined>;
    return [...keys.map((key) => record[key] ?? null), ...REPORT_MEASURES.map((measure) => row[measure])];
  });
  return {
    name: `etalase-sales-${report.from}-${report.to}`,
    sheet: 'Sales',
    columns,
    rows,
    totals: [...keys.map((_key, i) => (i === 0 ? TOTAL_LABEL : null)), ...REPORT_MEASURES.map((measure) => report.totals[measure])],
    csvTotals: false,
    facts: [
      { label: 'from', kind: 'date', value: report.from },
      { label: 'to', kind: 'date', value: report.to },
      { label: 'groupBy', kind: 'text', value: report.groupBy.join(',') },
      { label: 'currency', kind: 'text', value: report.currency },
    ],
  };
}

export function pnbpTable(report: PnbpReportView): ReportTable {
  const columns: ReportColumn[] = [
    { key: 'facility', kind: 'text' },
    { key: 'month', kind: 'month' },
    { key: 'productId', kind: 'text' },
    { key: 'productName', kind: 'text' },
    { key: 'program', kind: 'text' },
    ...MEASURE_COLUMNS,
  ];
  return {
    name: `etalase-pnbp-${report.month}`,
    sheet: 'PNBP',
    columns,
    rows: report.lines.map((line) => [report.facilityName, report.month, line.productId, line.productName, line.program, ...REPORT_MEASURES.map((m) => line[m])]),
    totals: [report.facilityName, report.month, null, TOTAL_LABEL, null, ...REPORT_MEASURES.map((m) => report.totals[m])],
    csvTotals: true,
    facts: [
      { label: 'facility', kind: 'text', value: report.facilityName },
      { label: 'kanwil', kind: 'text', value: report.kanwilName },
      { label: 'month', kind: 'month', value: report.month },
      { label: 'pnbpToDeposit', kind: 'money', value: report.pnbpToDeposit },
      { label: 'currency', kind: 'text', value: report.currency },
    ],
  };
}
