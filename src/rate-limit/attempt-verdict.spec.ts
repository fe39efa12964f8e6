import { attemptVerdict } from './attempt-verdict';

describe('attemptVerdict', () => {
  const count = (failures: number, inFlight: number, limit: number, windowLeftSeconds = 600): { failures: number; inFlight: number; limit: number; windowLeftSeconds: number } => ({
    failures,
    inFlight,
    limit,
    windowLeftSeconds,
  });

  it('allows an attempt while every key has room for it', () => {
    expect(attemptVerdict([count(0, 0, 5), count(29, 0, 30)])).toEqual({ allowed: true });
    expect(attemptVerdict([count(2, 2, 5)])).toEqual({ allowed: true });
  });

  it('counts attempts in flight like failures: they may still become failures', () => {
    expect(attemptVerdict([count(0, 5, 5)])).toEqual({ allowed: false, retryAfterSeconds: 600 });
    expect(attemptVerdict([count(3, 2, 5)])).toEqual({ allowed: false, retryAfterSeconds: 600 });
  });

  it('refuses when any one key is full, and waits for the longest of the full windows', () => {
    expect(attemptVerdict([count(0, 0, 5, 900), count(30, 0, 30, 120)])).toEqual({ allowed: false, retryAfterSeconds: 120 });
    expect(attemptVerdict([count(5, 0, 5, 300), count(30, 0, 30, 120)])).toEqual({ allowed: false, retryAfterSeconds: 300 });
  });

  it('never tells a client to retry in less than a second', () => {
    expect(attemptVerdict([count(5, 0, 5, 0.2)])).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(attemptVerdict([count(5, 0, 5, -1)])).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});
