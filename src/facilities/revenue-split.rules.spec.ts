import { DomainError } from '../common/errors/domain-error';
import { assertValidSplit } from './revenue-split.rules';

const rule = (premi: number, pnbp: number, capital: number, effectiveFrom = '2027-01-01') => ({
  premiPercent: premi,
  pnbpPercent: pnbp,
  capitalPercent: capital,
  effectiveFrom,
});

describe('assertValidSplit', () => {
  it('accepts shares that add up to 100 from today on', () => {
    expect(() => assertValidSplit(rule(50, 15, 35, '2026-11-29'), '2026-11-29')).not.toThrow();
    expect(() => assertValidSplit(rule(30, 10, 60), '2026-11-29')).not.toThrow();
    expect(() => assertValidSplit(rule(0, 0, 100), '2026-11-29')).not.toThrow();
  });

  it.each([
    [50, 15, 36],
    [50, 15, 34],
    [0, 0, 0],
  ])('refuses %i/%i/%i, which does not add up to 100', (premi, pnbp, capital) => {
    expect(() => assertValidSplit(rule(premi, pnbp, capital), '2026-11-29')).toThrow(DomainError);
  });

  it('refuses a start date in the past and a timestamp instead of a date', () => {
    expect(() => assertValidSplit(rule(50, 15, 35, '2026-11-28'), '2026-11-29')).toThrow(/today or later/);
    expect(() => assertValidSplit(rule(50, 15, 35, '2027-01-01T00:00:00Z'), '2026-11-29')).toThrow(/YYYY-MM-DD/);
  });
});
