import { Injectable } from '@nestjs/common';

/** Western Indonesian Time (WIB, Asia/Jakarta) is UTC+7 all year: no daylight saving. */
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * The calendar day (YYYY-MM-DD) in Asia/Jakarta, the same day for every visitor wherever they
 * are. Plain arithmetic rather than Intl: it runs on every page view.
 */
export function jakartaDay(at: Date): string {
  return new Date(at.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  const at = new Date(`${day}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** The time visit counting reads; tests replace `now` to walk through days without waiting for them. */
@Injectable()
export class VisitClock {
  now(): Date {
    return new Date();
  }

  today(): string {
    return jakartaDay(this.now());
  }
}
