import { ValidationError } from '../errors/domain-error.js';

/**
 * Opaque keyset cursors: the sort key values of the last row of a page, base64url-encoded.
 * Clients must treat them as opaque; we only promise they stay valid for the same query.
 */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor<T extends readonly ('string' | 'number')[]>(
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
    values.every((value, index) => typeof value === shape[index]);
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
