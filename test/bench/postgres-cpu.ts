import { readdir, readFile } from 'node:fs/promises';

/** Linux's USER_HZ: /proc counts CPU time in hundredths of a second on every architecture Node runs on. */
const MICROS_PER_TICK = 10_000;

/**
 * CPU time (µs) every PostgreSQL process on this machine has used so far, backends that have
 * exited included (the server counts its reaped backends as its children's time). A bench reads it
 * before and after a run: the app and the ceiling send the database the same statement, so what
 * the database spends per request says how much of the machine is left for the app. Null where
 * /proc cannot tell: not Linux, or no PostgreSQL process here (a server on another machine).
 */
export async function postgresCpuMicros(): Promise<number | null> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return null;
  }
  let ticks = 0;
  let found = false;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => undefined);
    const used = stat === undefined ? undefined : postgresTicks(stat);
    if (used === undefined) continue;
    found = true;
    ticks += used;
  }
  return found ? ticks * MICROS_PER_TICK : null;
}

/**
 * A /proc/<pid>/stat line's utime + stime + cutime + cstime, if the process is PostgreSQL. The name
 * sits in parentheses and may hold spaces, so the fields are counted from the last ')'.
 */
export function postgresTicks(stat: string): number | undefined {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  if (open < 0 || close < open || stat.slice(open + 1, close) !== 'postgres') return undefined;
  // After the name: state (field 3) ... utime (14), stime (15), cutime (16), cstime (17).
  const fields = stat.slice(close + 2).split(' ');
  return [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
}
