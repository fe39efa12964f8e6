import { addDays } from '../visits/visit-day.js';

/** A calendar month (YYYY-MM) as its first and last day. */
export function monthDays(month: string): { from: string; to: string } {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** Days from `from` to `to`, both included. */
export function dayCount(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The Monday (ISO week start) of a day's week. */
export function weekStart(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

export interface Bucket {
  /** `2026-11-02` (a week, by its Monday) or `2026-11` (a month). */
  key: string;
  /** The bucket's days within the period. */
  from: string;
  to: string;
}

/** The period's days grouped by ISO week or calendar month, clipped to the period. */
export function buckets(from: string, to: string, by: 'week' | 'month'): Bucket[] {
  const out: Bucket[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const key = by === 'week' ? weekStart(day) : day.slice(0, 7);
    const last = out[out.length - 1];
    if (last && last.key === key) last.to = day;
    else out.push({ key, from: day, to: day });
  }
  return out;
}
