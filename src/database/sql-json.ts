import pg from 'pg';

// pg-types declares every parser as returning `any`; this one makes a Date (postgres-date).
const parseTimestamptz = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text') as (text: string) => Date;

/**
 * The Date node-postgres makes of a timestamptz column, from the column's text (`ts::text`, which
 * is what the server sends for the column itself). For rows that travel inside a JSON value: a
 * timestamp in JSON is written differently, and a Date parsed another way may differ from the
 * column's by a millisecond.
 */
export function timestamptzFromText(text: string): Date {
  return parseTimestamptz(text);
}
