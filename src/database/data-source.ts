import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { databaseOptions } from './data-source-options.js';

/**
 * Entry point for the TypeORM CLI (`npm run migration:run`, `migration:revert`) against the
 * compiled app; it needs DATABASE_URL. Generating and checking migrations work without one:
 * schema-diff.ts supplies a scratch database and runs the CLI's migration:generate on it.
 */
const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error('DATABASE_URL is required for the TypeORM CLI');
}

export default new DataSource({
  ...databaseOptions({ url, applicationName: 'etalase-cli' }),
  entities: [join(__dirname, '..', '**', '*.entity.js')],
  // A command's own output, not the app's JSON log (nor its list of the entity files it found).
  logger: 'simple-console',
});
