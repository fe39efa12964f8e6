import { postgresTicks } from '../bench/postgres-cpu';

/** A /proc/<pid>/stat line (proc(5)): pid, (name), state, then numbered fields; utime is the 14th. */
function statLine(name: string, times: [utime: number, stime: number, cutime: number, cstime: number]): string {
  const between = ['S', '1', '100', '100', '0', '-1', '4194560', '2000', '0', '0', '0'];
  return `4242 (${name}) ${[...between, ...times.map(String), '20', '0', '1', '0', '12345'].join(' ')}`;
}

describe('postgresTicks', () => {
  it('adds a PostgreSQL process own and reaped children CPU ticks', () => {
    expect(postgresTicks(statLine('postgres', [700, 50, 3000, 400]))).toBe(4150);
  });

  it('leaves out every other process', () => {
    expect(postgresTicks(statLine('node', [700, 50, 0, 0]))).toBeUndefined();
    expect(postgresTicks(statLine('postgres_exporter', [700, 50, 0, 0]))).toBeUndefined();
  });

});
