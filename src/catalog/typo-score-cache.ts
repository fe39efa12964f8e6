import type { Keyset, ScoredProduct } from './catalog-queries.js';

export type { ScoredProduct };

/**
 * A typo search's best scores as PostgreSQL computed them under one search generation (migration
 * CatalogSearchGeneration), best first (score DESC, id DESC: the relevance order of a page).
 */
export interface TypoScores {
  generation: string;
  candidates: readonly ScoredProduct[];
  /** False when the search found more products than were kept: past the last one, ask the database. */
  complete: boolean;
}

/** The candidates a page is read from, and whether they are every candidate left after the cursor. */
export interface CandidateWindow {
  candidates: ScoredProduct[];
  exhaustive: boolean;
}

/** Best first, as PostgreSQL orders (score, id) DESC: uuids compare as their lowercase hex text. */
function isAfter(candidate: ScoredProduct, keyset: Keyset): boolean {
  return candidate.score < keyset.key || (candidate.score === keyset.key && candidate.id < keyset.id.toLowerCase());
}

/**
 * The next `size` candidates after the cursor (all of them for undefined `size`). A page whose
 * products are mostly hidden or filtered out may need more than the window: `exhaustive` says
 * whether a short page is the whole answer.
 */
export function candidateWindow(scores: TypoScores, after: Keyset | undefined, size: number | undefined): CandidateWindow {
  const start = after === undefined ? 0 : firstAfter(scores.candidates, after);
  const end = size === undefined ? scores.candidates.length : Math.min(scores.candidates.length, start + size);
  return { candidates: scores.candidates.slice(start, end), exhaustive: end === scores.candidates.length && scores.complete };
}

/** Binary search: the candidates are sorted best first, so "after the cursor" is a suffix. */
function firstAfter(candidates: readonly ScoredProduct[], after: Keyset): number {
  let low = 0;
  let high = candidates.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const candidate = candidates[middle];
    if (candidate !== undefined && isAfter(candidate, after)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * The typo searches a process ran last, by their words (least recently used dropped first). An
 * entry is a promise so that the requests arriving while a search is scored wait for that one
 * scoring instead of each starting their own. Entries are checked against the search generation
 * whenever a page is read from them, so what is kept here never outlives a change of product words;
 * it only saves recomputing what the database would answer the same.
 */
export class TypoScoreCache {
  private readonly entries = new Map<string, Promise<TypoScores>>();

  constructor(private readonly capacity: number) {}

  /** The scores for `words`: kept ones, or `compute()`'s (kept once they arrive; a failure is not kept). */
  get(words: string, compute: () => Promise<TypoScores>): Promise<TypoScores> {
    const kept = this.peek(words);
    if (kept !== undefined) return kept;
    const computed = compute();
    this.entries.set(words, computed);
    computed.catch(() => {
      if (this.entries.get(words) === computed) this.entries.delete(words);
    });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return computed;
  }

  /** The scores kept or being computed for `words`, if any (computing none). */
  peek(words: string): Promise<TypoScores> | undefined {
    const kept = this.entries.get(words);
    if (kept !== undefined) {
      // Most recently used last: a Map iterates in insertion order.
      this.entries.delete(words);
      this.entries.set(words, kept);
    }
    return kept;
  }

  /** Forgets `words`' scores if they are still `stale` (not an entry another request has since refreshed). */
  forget(words: string, stale: TypoScores): void {
    const kept = this.entries.get(words);
    if (kept === undefined) return;
    void kept.then(
      (scores) => {
        if (scores === stale && this.entries.get(words) === kept) this.entries.delete(words);
      },
      () => undefined,
    );
  }

  get size(): number {
    return this.entries.size;
  }
}
