/**
 * Timestamps travel in cursors as integer microseconds: a JavaScript Date would drop the last
 * three digits, and a keyset comparison on a truncated value skips or repeats rows.
 */
export const micros = (column: string): string => `(extract(epoch FROM ${column}) * 1000000)::bigint::float8`;

/** The timestamp a `micros` value came from, as a constant an index condition can use. */
export const fromMicros = (parameter: string): string => `('epoch'::timestamptz + ${parameter}::bigint * interval '1 microsecond')`;
