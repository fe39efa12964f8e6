import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { buildOpenApiDocumentOffline } from './app.openapi.js';

/** `node dist/src/openapi-dump.js <file>`: writes the OpenAPI document the server serves (npm run openapi:lint). */
async function dump(file: string): Promise<void> {
  writeFileSync(file, `${JSON.stringify(await buildOpenApiDocumentOffline(), null, 2)}\n`);
}

const file = process.argv[2];
if (!file) {
  console.error('Usage: node dist/src/openapi-dump.js <file>');
  process.exit(2);
}
dump(file).then(
  // Modules loaded on the way (pg-boss, ioredis) may hold timers; the document is written.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
