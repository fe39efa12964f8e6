import type { OrderAttribution } from '../../orders/order-attribution.types.js';

/** A share link's code and when (epoch milliseconds) a page was opened with it. */
export interface Touch {
  code: string;
  at: number;
}

/** What the cart cookie remembers: the first and the last campaign touch within the window. */
export interface Touches {
  first: Touch;
  last: Touch;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * A page opened with `?k={code}` at `now`: the last touch always; the first touch too when there
 * was none, or when the one remembered is older than the window (it could no longer count).
 */
export function addTouch(previous: Touches | undefined, code: string, now: number, windowDays: number): Touches {
  const touch = { code, at: now };
  const first = previous && previous.first.at >= now - windowDays * DAY_MS ? previous.first : touch;
  return { first, last: touch };
}

/** What an order placed at `now` is attributed to: each touch only while it is within the window. */
export function attributionAt(touches: Touches | undefined, now: number, windowDays: number): OrderAttribution {
  const since = now - windowDays * DAY_MS;
  const within = (touch: Touch | undefined): Touch | undefined => (touch && touch.at >= since && touch.at <= now ? touch : undefined);
  const first = within(touches?.first);
  const last = within(touches?.last);
  return {
    firstTouchCode: first?.code ?? null,
    firstTouchAt: first ? new Date(first.at) : null,
    lastTouchCode: last?.code ?? null,
    lastTouchAt: last ? new Date(last.at) : null,
  };
}

/** Touches as read back from a cookie (signed, but written by an older version perhaps): anything odd is none. */
export function readTouches(value: unknown): Touches | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { first, last } = value as Record<string, unknown>;
  const touch = (t: unknown): Touch | undefined => {
    if (typeof t !== 'object' || t === null) return undefined;
    const { code, at } = t as Record<string, unknown>;
    return typeof code === 'string' && code.length <= 16 && typeof at === 'number' && Number.isFinite(at) ? { code, at } : undefined;
  };
  const f = touch(first);
  const l = touch(last);
  return f && l ? { first: f, last: l } : undefined;
}
