import { createServer, type Server } from 'node:http';
import pg from 'pg';
import type { SqlQuery } from '../../src/catalog/catalog-queries.js';
import { findFreePort } from '../../src/database/free-port.js';

export interface RunningServer {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The most the app could hope for on the catalog's list (issue 18): the same SQL run the same way
 * (a prepared statement), the same pool size, no framework, no validation, no mapping to views;
 * `pageSize` rows of the result as JSON.
 */
export async function startCeiling(url: string, sql: SqlQuery, poolSize: number, pageSize: number): Promise<RunningServer> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const server: Server = createServer((_request, response) => {
    pool.query({ name: 'ceiling_page_1', text: sql.text, values: sql.values }).then(
      (result) => {
        const body = JSON.stringify({ data: result.rows.slice(0, pageSize), nextCursor: null });
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
        response.end(body);
      },
      (error: unknown) => {
        response.writeHead(500);
        response.end(String(error));
      },
    );
  });
  const port = await findFreePort();
  await new Promise<void>((ready) => server.listen(port, '127.0.0.1', ready));
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((done) => server.close(() => done()));
      await pool.end();
    },
  };
}
