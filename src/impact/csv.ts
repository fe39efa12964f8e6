/** UTF-8 byte order mark: without it Excel opens UTF-8 CSV as Windows-1252 and mangles names. */
export const UTF8_BOM = '\uFEFF';

/** A formula trigger (= + - @, and tab or CR, which some readers strip) behind any spaces or quotes. */
const TRIGGER_AHEAD = /[\s"]*[=+\-@\t\r]/y;
const NOTHING_AHEAD = /[\s"]*$/y;
const CELL_BREAKS = /[,;\r\n]/g;
/** Most names hold no trigger and do not end in a break: they need no look at all. */
const MAYBE_UNSAFE = /[=+\-@\t\r]|[,;\r\n][\s"]*$/;

function matchesAt(pattern: RegExp, text: string, at: number): boolean {
  pattern.lastIndex = at;
  return pattern.test(text);
}

/**
 * Puts an apostrophe, which spreadsheets read as "this is text", wherever a spreadsheet might
 * start a cell inside this text and find a formula there. Cells may start at the text's start and
 * after any comma, semicolon or line break in it: the file is comma-separated, but Excel in the
 * Indonesian locale splits on ';' (ignoring our quotes, which then sit mid-cell), so
 * `abc;=HYPERLINK(...)` would open as a live formula in a cell of its own. A break followed by
 * nothing but spaces or quotes is marked too: its cell would begin with whatever the file holds
 * next.
 */
function neutraliseFormulas(text: string): string {
  if (!MAYBE_UNSAFE.test(text)) return text;
  const marks = matchesAt(TRIGGER_AHEAD, text, 0) ? [0] : [];
  for (const found of text.matchAll(CELL_BREAKS)) {
    const at = found.index + 1;
    if (matchesAt(TRIGGER_AHEAD, text, at) || matchesAt(NOTHING_AHEAD, text, at)) marks.push(at);
  }
  if (marks.length === 0) return text;
  let out = '';
  let from = 0;
  for (const at of marks) {
    out += `${text.slice(from, at)}'`;
    from = at;
  }
  return out + text.slice(from);
}

/** One CSV field (RFC 4180), with spreadsheet formula injection neutralised for text. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = neutraliseFormulas(value);
  return /[",;\r\n\t]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
