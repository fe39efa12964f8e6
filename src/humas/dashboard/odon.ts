/**
 * "One Day One News" (ODON), the Directorate General's measure of proactive PR: every unit
 * (facility) publishes at least one story or news item a day. The target of a period is units x
 * days; attainment is what was published against it.
 */
export interface OdonMeasure {
  published: number;
  target: number;
  /** published / target, 4 decimals, not capped (a unit may publish more than one a day); 0 without a target. */
  attainment: number;
  /** Unit-days with at least one item: how much of the target was met day by day, not made up later. */
  unitDaysCovered: number;
}

export function odonTarget(units: number, days: number): number {
  return Math.max(0, units) * Math.max(0, days);
}

export function odonMeasure(published: number, units: number, days: number, unitDaysCovered: number): OdonMeasure {
  const target = odonTarget(units, days);
  return { published, target, attainment: ratio(published, target), unitDaysCovered };
}

/** a / b rounded to 4 decimals; 0 when b is 0. */
export function ratio(a: number, b: number): number {
  return b > 0 ? Math.round((a / b) * 10_000) / 10_000 : 0;
}
