import { ValidationError } from '../errors/domain-error.js';

/**
 * Opaque keyset cursors: the sort key values of the last row of a page, base64url-encoded.
 * Clients must treat them as opaque; we only promise they stay valid for the same query.
 */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** `uuid` for id columns: a value the database would refuse to compare must fail here, as a 400. */
export type CursorValueKind = 'string' | 'number' | 'uuid';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fitsKind(value: unknown, kind: CursorValueKind): boolean {
  switch (kind) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'string':
      // PostgreSQL text cannot hold NUL, so no row we paged past had one.
      return typeof value === 'string' && !value.includes('\u0000');
  }
}

export function decodeCursor<T extends readonly CursorValueKind[]>(
  cursor: string,
  shape: T,
): { [K in keyof T]: T[K] extends 'number' ? number : string } {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new ValidationError('cursor', 'is not a cursor this API issued');
  }
  const fits =
    Array.isArray(values) &&
    values.length === shape.length &&
    values.every((value, index) => fitsKind(value, shape[index]));
  if (!fits) throw new ValidationError('cursor', 'is not a cursor this API issued');
  return values as { [K in keyof T]: T[K] extends 'number' ? number : string };
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/**
 * Builds a page from `limit + 1` fetched rows: the extra row only tells whether there is more.
 */
export function toPage<Row, View>(
  rows: Row[],
  limit: number,
  cursorOf: (row: Row) => readonly (string | number)[],
  view: (row: Row) => View,
): Page<View> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    data: pageRows.map(view),
    nextCursor: hasMore && last !== undefined ? encodeCursor(cursorOf(last)) : null,
  };
}

/** The same page with every item mapped (the cursor belongs to the rows, not their views). */
export function mapPage<Row, View>(page: Page<Row>, view: (row: Row) => View): Page<View> {
  return { data: page.data.map(view), nextCursor: page.nextCursor };
}
