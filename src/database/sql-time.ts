/**
 * Timestamps travel in cursors as integer microseconds: a JavaScript Date would drop the last
 * three digits, and a keyset comparison on a truncated value skips or repeats rows.
 */
export const micros = (column: string): string => `(extract(epoch FROM ${column}) * 1000000)::bigint::float8`;

/** The timestamp a `micros` value came from, as a constant an index condition can use. */
export const fromMicros = (parameter: string): string => `('epoch'::timestamptz + ${parameter}::bigint * interval '1 microsecond')`;

/**
 * A timestamp as the JavaScript Date node-postgres would make of it (whole milliseconds since the
 * epoch, the rest dropped), as a number: `new Date(ms)` is far cheaper than parsing the text form,
 * which a list page did twice per product (issue 18).
 */
export const millis = (column: string): string => `floor(extract(epoch FROM ${column}) * 1000)::float8`;
