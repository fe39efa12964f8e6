import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { databaseOptions } from './data-source-options.js';

/**
 * Entry point for the TypeORM CLI (`npm run migration:run`, `migration:revert`) against the
 * compiled app; it needs DATABASE_URL. Generating and checking migrations work without one
 * (see schema-diff.ts).
 */
const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error('DATABASE_URL is required for the TypeORM CLI');
}

export default new DataSource({
  ...databaseOptions({ url, applicationName: 'etalase-cli' }),
  entities: [join(__dirname, '..', '**', '*.entity.js')],
});
