import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from '../../migrations';

describe('migrations/index.ts', () => {
  const files = readdirSync(join(__dirname, '..', '..', 'migrations'))
    .filter((file) => /^\d+-\w+\.ts$/.test(file))
    .sort();

  it('lists every migration file, oldest first', () => {
    const expected = files.map((file) => {
      const [timestamp, name] = file.replace(/\.ts$/, '').split('-') as [string, string];
      return `${name}${timestamp}`;
    });
    expect(MIGRATIONS.map((migration) => migration.name)).toEqual(expected);
  });

  it('gives every migration a down step', () => {
    for (const Migration of MIGRATIONS) expect(typeof new Migration().down).toBe('function');
  });
});
