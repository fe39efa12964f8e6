import { readFile, writeFile } from 'node:fs/promises';

/**
 * Migrations run in timestamp order and the list is oldest first: a new one must come after the
 * newest, even one whose hand-picked timestamp lies ahead of the clock.
 */
export function nextTimestamp(files: Iterable<string>): number {
  const newest = Math.max(0, ...[...files].map((file) => Number(/^(\d+)-/.exec(file)?.[1] ?? 0)));
  return Math.max(Date.now(), newest + 1);
}

/** `1796...-AddThing.ts` holds class `AddThing1796...`; the list in index.ts is oldest first. */
export async function registerMigration(indexPath: string, file: string): Promise<void> {
  const [timestamp, name] = file.replace(/\.ts$/, '').split('-') as [string, string];
  const className = `${name}${timestamp}`;
  let index = await readFile(indexPath, 'utf8');
  index = index.replace(
    "import type { MigrationInterface } from 'typeorm';",
    `import type { MigrationInterface } from 'typeorm';\nimport { ${className} } from './${file.replace(/\.ts$/, '.js')}';`,
  );
  index = index.replace(/\] = \[([^\]]*)\];/, (_match, list: string) => {
    const entries = list.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0);
    return `] = [${[...entries, className].join(', ')}];`;
  });
  await writeFile(indexPath, index);
}
