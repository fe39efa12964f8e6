import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nextTimestamp, registerMigration } from './migration-files';

describe('nextTimestamp', () => {
  it('comes after the newest migration even when its timestamp is ahead of the clock', () => {
    expect(nextTimestamp(['index.ts', '1795968699294-Init.ts', '4102444800000-FarAhead.ts'])).toBe(4102444800001);
  });

  it('is the clock otherwise', () => {
    const before = Date.now();
    const next = nextTimestamp(['index.ts', '1795968699294-Init.ts']);
    expect(next).toBeGreaterThanOrEqual(before);
    expect(next).toBeLessThanOrEqual(Date.now());
  });
});

describe('registerMigration', () => {
  it('imports the new class and appends it to the list', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'etalase-migrations-'));
    const index = join(dir, 'index.ts');
    await writeFile(
      index,
      "import type { MigrationInterface } from 'typeorm';\nimport { Init1 } from './1-Init.js';\n\nexport const MIGRATIONS: readonly MigrationClass[] = [Init1];\n",
    );
    try {
      await registerMigration(index, '2-AddThing.ts');
      expect(await readFile(index, 'utf8')).toBe(
        "import type { MigrationInterface } from 'typeorm';\nimport { AddThing2 } from './2-AddThing.js';\nimport { Init1 } from './1-Init.js';\n\nexport const MIGRATIONS: readonly MigrationClass[] = [Init1, AddThing2];\n",
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
