import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { withDatabase } from '../database-url.js';
import { migrateDatabase } from '../migrate.js';
import { adminQuery, startScratchServer, uniqueDatabaseName } from '../scratch-database.js';
import { nextTimestamp, registerMigration } from './migration-files.js';

/**
 * `check`: fails when the entities describe a schema the migrations do not build (CI runs it).
 * `generate <Name>`: writes the missing SQL as a new migration for review.
 *
 * The comparison is TypeORM's own `migration:generate` (`--check` for check), against a database
 * the migrations built. What this adds is that database with no setup (a scratch embedded server,
 * or DATABASE_URL's server, migrated and dropped afterwards) and, for a new migration, its line in
 * migrations/index.ts, which TypeORM does not know about.
 */
async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  if (command !== 'check' && !(command === 'generate' && name && /^[A-Z][A-Za-z0-9]+$/.test(name))) {
    throw new Error('usage: schema-diff check | schema-diff generate <PascalCaseName>');
  }
  const migrationsDir = resolve(process.cwd(), 'migrations');
  const server = await startScratchServer(process.env.DATABASE_URL);
  const database = uniqueDatabaseName('etalase_schema_diff');
  await adminQuery(server.url, `CREATE DATABASE ${database}`);
  try {
    const url = withDatabase(server.url, database);
    await migrateDatabase(url);
    const before = new Set(await readdir(migrationsDir));
    const args = command === 'check' ? ['--check', join(migrationsDir, 'SchemaDrift')] : [join(migrationsDir, name ?? ''), '--timestamp', String(nextTimestamp(before))];
    const status = await typeorm(['migration:generate', '--pretty', ...args], url);
    if (command === 'check') {
      if (status !== 0) process.stderr.write('Entities and migrations disagree: run `npm run migration:generate -- Name` and review the SQL it writes.\n');
      return status;
    }
    const written = (await readdir(migrationsDir)).filter((file) => !before.has(file) && file.endsWith(`-${name}.ts`));
    for (const file of written) await registerMigration(join(migrationsDir, 'index.ts'), file);
    if (written.length > 0) process.stdout.write('Listed in migrations/index.ts; review the SQL before committing.\n');
    return status;
  } finally {
    await adminQuery(server.url, `DROP DATABASE IF EXISTS ${database}`);
    await server.stop();
  }
}

/** TypeORM's CLI on the compiled data source (data-source.ts), pointed at `url`. */
function typeorm(args: string[], url: string): Promise<number> {
  const cli = join(dirname(require.resolve('typeorm')), 'cli.js');
  const dataSource = join(__dirname, '..', 'data-source.js');
  // --no-deprecation: TypeORM's schema reader overlaps queries on one pg client, which pg 8 warns about.
  const child = spawn(process.execPath, ['--no-deprecation', cli, ...args, '-d', dataSource], { env: { ...process.env, DATABASE_URL: url }, stdio: 'inherit' });
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('exit', (code) => done(code ?? 1));
  });
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
