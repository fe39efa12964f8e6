/**
 * A small, lenient RFC 4180 reader with a choice of separator, reading the way spreadsheets do:
 * a field that starts with `"` is quoted (`""` is a quote) and whatever follows the closing quote
 * up to the next separator is kept; CRLF, LF and a lone CR all end a row. Parsing one file with
 * ',' and with ';' shows what Excel makes of it in either locale.
 */
export function parseCsv(text: string, separator: ',' | ';'): string[][] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  if (source === '') return rows;
  for (;;) {
    let field = '';
    if (source[i] === '"') {
      i += 1;
      while (i < source.length) {
        if (source[i] === '"') {
          if (source[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += source[i];
        i += 1;
      }
    }
    while (i < source.length && source[i] !== separator && source[i] !== '\n' && source[i] !== '\r') {
      field += source[i];
      i += 1;
    }
    row.push(field);
    if (i >= source.length) {
      rows.push(row);
      return rows;
    }
    if (source[i] === separator) {
      i += 1;
      continue;
    }
    i += source[i] === '\r' && source[i + 1] === '\n' ? 2 : 1;
    rows.push(row);
    row = [];
    if (i >= source.length) return rows;
  }
}

/** Whether a spreadsheet would take this cell for a formula (or DDE): a trigger first, even behind spaces or quotes. */
export function startsLikeFormula(cell: string): boolean {
  if (/^-?\d+$/.test(cell)) return false; // a number, e.g. a negative profit
  return /^[\t\r]/.test(cell) || /^[\s"]*[=+\-@]/.test(cell);
}
