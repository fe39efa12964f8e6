import type { Request, Response } from 'express';
import { csvLine, UTF8_BOM } from './csv.js';
import type { ReportTable } from './report-table.js';
import { writeXlsx, XLSX_CONTENT_TYPE } from './report-xlsx.js';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export type ReportFormat = 'json' | 'csv' | 'xlsx';

/** JSON unless the Accept header prefers CSV or XLSX (`*\/*` and no header mean JSON). */
export function reportFormat(request: Request): ReportFormat {
  switch (request.accepts(['application/json', 'text/csv', XLSX_CONTENT_TYPE])) {
    case 'text/csv':
      return 'csv';
    case XLSX_CONTENT_TYPE:
      return 'xlsx';
    default:
      return 'json';
  }
}

/** Sends the table as a download: CSV (BOM first, for Excel; written line by line) or XLSX (streamed). */
export async function sendTable(response: Response, format: 'csv' | 'xlsx', table: ReportTable): Promise<void> {
  response.status(200).setHeader('Content-Type', format === 'csv' ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE);
  response.setHeader('Content-Disposition', `attachment; filename="${table.name}.${format}"`);
  if (format === 'xlsx') {
    await writeXlsx(response, table);
    return;
  }
  response.write(UTF8_BOM + csvLine(table.columns.map((column) => column.key)));
  for (const row of table.rows) response.write(csvLine(row));
  if (table.csvTotals) response.write(csvLine(table.totals));
  response.end();
}
