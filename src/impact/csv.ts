/** UTF-8 byte order mark: without it Excel opens UTF-8 CSV as Windows-1252 and mangles names. */
export const UTF8_BOM = '\uFEFF';

/** One CSV field (RFC 4180), with spreadsheet formula injection neutralised for text. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
