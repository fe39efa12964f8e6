import { ratio } from './odon.js';

/**
 * The composite Humas score (0-100), documented in the ranking route: 40% "One Day One News"
 * attainment (capped at 100%: publishing twice a day does not buy off missing days elsewhere), and
 * 20% each for daily unique visitors (summed over days), orders placed and products newly listed,
 * each normalised to the best office of the same list (the best gets the full 20, none at all 0).
 */
export const SCORE_WEIGHTS = { odon: 40, uniqueVisitors: 20, orders: 20, newListings: 20 } as const;

export interface ScoreInput {
  id: string;
  name: string;
  odonAttainment: number;
  uniqueVisitors: number;
  orders: number;
  newListings: number;
}

export interface ScoredEntry extends ScoreInput {
  /** 0-100, 2 decimals. */
  score: number;
  /** 1 for the best; equal scores share a rank and the next rank skips (1, 1, 3). */
  rank: number;
}

export function rankByScore(entries: readonly ScoreInput[]): ScoredEntry[] {
  const best = (pick: (entry: ScoreInput) => number): number => Math.max(0, ...entries.map(pick));
  const bestUniques = best((entry) => entry.uniqueVisitors);
  const bestOrders = best((entry) => entry.orders);
  const bestListings = best((entry) => entry.newListings);
  const scored = entries.map((entry) => {
    const points =
      SCORE_WEIGHTS.odon * Math.min(1, Math.max(0, entry.odonAttainment)) +
      SCORE_WEIGHTS.uniqueVisitors * ratio(entry.uniqueVisitors, bestUniques) +
      SCORE_WEIGHTS.orders * ratio(entry.orders, bestOrders) +
      SCORE_WEIGHTS.newListings * ratio(entry.newListings, bestListings);
    return { ...entry, score: Math.round(points * 100) / 100, rank: 0 };
  });
  scored.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'id') || a.id.localeCompare(b.id));
  scored.forEach((entry, index) => {
    const previous = scored[index - 1];
    entry.rank = previous && previous.score === entry.score ? previous.rank : index + 1;
  });
  return scored;
}
