import 'reflect-metadata';
import { writeFile, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../data-source-options.js';
import { withDatabase } from '../database-url.js';
import { adminQuery, startScratchServer, uniqueDatabaseName } from '../scratch-database.js';

/**
 * `check`: fails when the entities describe a schema the migrations do not build (CI runs it).
 * `generate <Name>`: writes the missing SQL as a new migration for review.
 * Works with no setup: it migrates a scratch database on an embedded server (or on DATABASE_URL's).
 */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if (command !== 'check' && !(command === 'generate' && name && /^[A-Z][A-Za-z0-9]+$/.test(name))) {
    throw new Error('usage: schema-diff check | schema-diff generate <PascalCaseName>');
  }
  const server = await startScratchServer(process.env.DATABASE_URL);
  const database = uniqueDatabaseName('etalase_schema_diff');
  await adminQuery(server.url, `CREATE DATABASE ${database}`);
  const dataSource = new DataSource({
    ...databaseOptions({ url: withDatabase(server.url, database), applicationName: 'etalase-schema-diff' }),
    logging: false,
    logger: 'simple-console',
    entities: [join(__dirname, '..', '..', '**', '*.entity.js')],
  });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const { upQueries, downQueries } = await dataSource.driver.createSchemaBuilder().log();
    if (command === 'check') {
      if (upQueries.length > 0) {
        process.stderr.write(
          `Entities and migrations disagree; run \`npm run migration:generate -- Name\`. Missing SQL:\n${upQueries
            .map((q) => `  ${q.query}`)
            .join('\n')}\n`,
        );
        process.exitCode = 1;
      } else {
        process.stdout.write('Entities and migrations agree.\n');
      }
      return;
    }
    if (upQueries.length === 0) {
      process.stdout.write('Nothing to generate: entities and migrations agree.\n');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const statement = (sql: string): string => `    await queryRunner.query(\`${sql.replaceAll('`', '\\`')}\`);`;
    const file = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${upQueries.map((q) => statement(q.query)).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${[...downQueries].reverse().map((q) => statement(q.query)).join('\n')}
  }
}
`;
    const migrationsDir = resolve(process.cwd(), 'migrations');
    const path = join(migrationsDir, `${timestamp}-${name}.ts`);
    await writeFile(path, file);
    await registerMigration(join(migrationsDir, 'index.ts'), className, `${timestamp}-${name}`);
    process.stdout.write(`Wrote ${path}; review the SQL before committing.\n`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await adminQuery(server.url, `DROP DATABASE IF EXISTS ${database}`);
    await server.stop();
  }
}

async function registerMigration(indexPath: string, className: string, fileName: string): Promise<void> {
  let index = await readFile(indexPath, 'utf8');
  index = index.replace(
    "import type { MigrationInterface } from 'typeorm';",
    `import type { MigrationInterface } from 'typeorm';\nimport { ${className} } from './${fileName}.js';`,
  );
  index = index.replace(/\] = \[([^\]]*)\];/, (_match, list: string) => {
    const entries = list.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0);
    return `] = [${[...entries, className].join(', ')}];`;
  });
  await writeFile(indexPath, index);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
