import { createServer, Server, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import pg, { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable, unavailableCause } from './database-unavailable';
import { findFreePort } from './free-port';

function sqlState(code: string, message = 'server says no'): DatabaseError {
  return Object.assign(new DatabaseError(message, message.length, 'error'), { code, severity: 'FATAL' });
}

/** A TCP server on loopback that does `onConnect` with each socket (hold it silently, or hang up). */
async function listen(onConnect: (socket: Socket) => void): Promise<{ url: string; server: Server; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    onConnect(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `postgres://u:p@127.0.0.1:${(server.address() as AddressInfo).port}/db`, server, sockets };
}

async function stop(listening: { server: Server; sockets: Socket[] }): Promise<void> {
  for (const socket of listening.sockets) socket.destroy();
  await new Promise((resolve) => listening.server.close(resolve));
}

/** What node-postgres really throws, not a hand-made imitation. */
async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  return work().then(
    () => new Error('expected a failure'),
    (error: unknown) => error,
  );
}

describe('isDatabaseUnavailable', () => {
  it('recognises a refused connection as node-postgres reports it, bare or wrapped by TypeORM', async () => {
    const port = await findFreePort();
    const refused = await failureOf(() => new pg.Client({ connectionString: `postgres://u:p@127.0.0.1:${port}/db` }).connect());
    expect(unavailableCause(refused)).toMatchObject({ code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], refused as Error))).toBe(true);
  });

  it("recognises the pool's connect timeout when the server accepts but never answers", async () => {
    const silent = await listen(() => undefined);
    const pool = new pg.Pool({ connectionString: silent.url, connectionTimeoutMillis: 50 });
    try {
      const timedOut = await failureOf(() => pool.query('SELECT 1'));
      expect(unavailableCause(timedOut)?.message).toMatch(/timeout/i);
    } finally {
      await pool.end();
      await stop(silent);
    }
  });

  it('recognises a connection the server hangs up on', async () => {
    const rude = await listen((socket) => socket.destroy());
    try {
      const terminated = await failureOf(() => new pg.Client({ connectionString: rude.url }).connect());
      expect(unavailableCause(terminated)?.message).toMatch(/Connection terminated/);
    } finally {
      await stop(rude);
    }
  });

  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P02', 'terminating connection due to crash of another server process'],
    ['57P03', 'the database system is starting up'],
    ['53300', 'sorry, too many clients already'],
    ['08006', 'connection failure'],
    ['08001', 'could not establish connection'],
    ['08P01', 'protocol violation'],
  ])('recognises SQLSTATE %s (%s), bare and inside QueryFailedError', (code, message) => {
    expect(isDatabaseUnavailable(sqlState(code, message))).toBe(true);
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], sqlState(code, message)))).toBe(true);
  });

  it.each(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'EAI_AGAIN'])('recognises the socket error %s', (code) => {
    expect(isDatabaseUnavailable(Object.assign(new Error(`connect ${code}`), { code }))).toBe(true);
  });

  it('looks inside an AggregateError (dual-stack connect) and an error cause', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(new AggregateError([refused], ''))).toBe(true);
    expect(isDatabaseUnavailable(new Error('query failed', { cause: refused }))).toBe(true);
  });

  it.each([
    ['a unique violation', sqlState('23505', 'duplicate key value')],
    ['a syntax error', sqlState('42601', 'syntax error')],
    ['a statement timeout', sqlState('57014', 'canceling statement due to statement timeout')],
    ['a serialization failure', sqlState('40001', 'could not serialize access')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a message that only mentions a refusal', new Error('upstream said ECONNREFUSED')],
    ['a string', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('does not take %s for an outage', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], error instanceof Error ? error : new Error(String(error))))).toBe(false);
  });

  it('stops at a cycle of causes', () => {
    const looping: Error & { cause?: unknown } = new Error('loop');
    looping.cause = looping;
    expect(isDatabaseUnavailable(looping)).toBe(false);
  });
});
