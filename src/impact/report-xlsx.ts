import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { ColumnKind, ReportCell, ReportTable } from './report-table.js';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Integer rupiah with thousands separators (Excel shows them in the reader's locale). */
const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = {
  text: '@',
  count: '#,##0',
  decimal: '#,##0.00',
  money: '"Rp"#,##0',
  month: 'yyyy-mm',
  date: 'yyyy-mm-dd',
};

/**
 * A month (`2026-11`) or day (`2026-11-30`) as a date cell. Excel dates have no time zone; the
 * UTC midnight of the WIB calendar day is that day.
 */
function asDate(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if (!match) return null;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3] ?? 1)));
}

/**
 * The value a cell gets. Only primitives and dates: a string is always a string cell, whatever
 * it starts with, and nothing here ever makes a formula.
 */
function cellValue(kind: ColumnKind, value: ReportCell): string | number | Date | null {
  if (value === null) return null;
  if ((kind === 'month' || kind === 'date') && typeof value === 'string') return asDate(value) ?? value;
  if ((kind === 'count' || kind === 'decimal' || kind === 'money') && typeof value === 'number') return value;
  return String(value);
}

/**
 * Streams the table as an XLSX workbook: a header row, the rows, a bold totals row, frozen header
 * and a filter; then a second sheet of what the report is about. Cells are typed (text, integer
 * counts and rupiah with a number format, months and days as dates) and there are no formulas,
 * the totals included.
 */
export async function writeXlsx(stream: Writable, table: ReportTable): Promise<void> {
  // Shared strings (t="s", what Excel itself writes) rather than exceljs's inline t="str", which
  // is the type of a formula's result: text stays plainly text, at some memory for big reports.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  workbook.creator = 'Etalase';
  const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((column) => ({
    key: column.key,
    width: column.kind === 'text' ? 28 : column.kind === 'money' ? 16 : 12,
    style: { numFmt: NUMBER_FORMATS[column.kind] },
  }));
  const header = sheet.addRow(table.columns.map((column) => column.key));
  header.font = { bold: true };
  header.commit();
  for (const row of table.rows) {
    sheet.addRow(row.map((value, i) => cellValue(table.columns[i]?.kind ?? 'text', value))).commit();
  }
  const totals = sheet.addRow(table.totals.map((value, i) => cellValue(table.columns[i]?.kind ?? 'text', value)));
  totals.font = { bold: true };
  totals.commit();
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  sheet.commit();

  const about = workbook.addWorksheet('About');
  about.columns = [{ key: 'label', width: 16, style: { numFmt: '@' } }, { key: 'value', width: 40 }];
  for (const fact of table.facts) {
    const row = about.addRow([fact.label, cellValue(fact.kind, fact.value)]);
    const format = NUMBER_FORMATS[fact.kind];
    if (format) row.getCell(2).numFmt = format;
    row.commit();
  }
  about.commit();
  await workbook.commit();
}
