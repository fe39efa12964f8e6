import { readFile } from 'node:fs/promises';

/** How one kind of heap object (by constructor or type) changed between two snapshots. */
export interface HeapGrowth {
  name: string;
  countBefore: number;
  countAfter: number;
  /** Self size, KB. */
  kbBefore: number;
  kbAfter: number;
}

interface HeapSnapshotFile {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

interface Totals {
  count: number;
  bytes: number;
}

/** Objects by `type:name` (e.g. `object:Map`, `closure:bound fn`, `string`): count and self size. */
async function totals(file: string): Promise<Map<string, Totals>> {
  const heap = JSON.parse(await readFile(file, 'utf8')) as HeapSnapshotFile;
  const fields = heap.snapshot.meta.node_fields;
  const types = heap.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const byKind = new Map<string, Totals>();
  for (let offset = 0; offset < heap.nodes.length; offset += width) {
    const type = types[heap.nodes[offset + typeAt] ?? 0] ?? '?';
    // Strings and numbers are named by their content; group them by type alone.
    const named = type === 'object' || type === 'closure' || type === 'native' || type === 'array';
    const kind = named ? `${type}:${heap.strings[heap.nodes[offset + nameAt] ?? 0] ?? '?'}` : type;
    const entry = byKind.get(kind) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += heap.nodes[offset + sizeAt] ?? 0;
    byKind.set(kind, entry);
  }
  return byKind;
}

/** The kinds that grew most in self size from `before` to `after`. */
export async function summariseHeapGrowth(before: string, after: string, top = 15): Promise<HeapGrowth[]> {
  const [from, to] = [await totals(before), await totals(after)];
  const kinds = new Set([...from.keys(), ...to.keys()]);
  return [...kinds]
    .map((name) => {
      const a = from.get(name) ?? { count: 0, bytes: 0 };
      const b = to.get(name) ?? { count: 0, bytes: 0 };
      return { name, countBefore: a.count, countAfter: b.count, kbBefore: Math.round(a.bytes / 1024), kbAfter: Math.round(b.bytes / 1024) };
    })
    .sort((x, y) => y.kbAfter - y.kbBefore - (x.kbAfter - x.kbBefore))
    .slice(0, top);
}
