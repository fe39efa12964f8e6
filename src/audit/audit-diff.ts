export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type Changes = Record<string, { from: JsonValue; to: JsonValue }>;

/** Fields never written to the audit log, even as a diff. */
const SECRET_FIELDS = new Set(['passwordHash', 'password', 'secretHash']);

/**
 * The fields that differ between two snapshots, by JSON value. `before` null means created,
 * `after` null means deleted.
 */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Changes {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Changes = {};
  for (const key of keys) {
    if (SECRET_FIELDS.has(key)) continue;
    const from = normalise(before?.[key]);
    const to = normalise(after?.[key]);
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

/** Lone UTF-16 surrogates: jsonb refuses them (a 500 for the write), and text columns store U+FFFD. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** As the value would read in JSON (dates become ISO strings), and as PostgreSQL stores its text. */
function normalise(value: unknown): JsonValue {
  if (value === undefined) return null;
  const json = JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? item.replace(LONE_SURROGATE, '\ufffd') : item));
  return JSON.parse(json) as JsonValue;
}
