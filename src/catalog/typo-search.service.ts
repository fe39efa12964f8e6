import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runSql } from '../database/sql-query.js';
import { firstSearchPageQuery, Keyset, listProductsQuery, ProductRow, PublicProductFilter, SearchMode, SearchTerms, SqlQuery, typoScoresToKeepQuery } from './catalog-queries.js';
import { candidateWindow, TypoScoreCache, TypoScores } from './typo-score-cache.js';

/** Scores kept per typo search: forty pages of 25; a page past them asks the database (still right, only slower). */
const SCORES_KEPT = 1000;
/** Typo searches kept per process: at most SEARCHES_KEPT x SCORES_KEPT ids and scores (a few MB). */
const SEARCHES_KEPT = 200;
/**
 * Candidates offered to an unfiltered page, per row it needs: nine products in ten on the list are
 * for sale, so twice the page fills it unless nearly half the best matches are hidden (then the
 * page is scored again, still right). Each candidate is a product row joined per request: four
 * per row cost a quarter more of PostgreSQL's time on every typo page for a fallback that never
 * came at a 90% share. A filtered page (a facility, a category, a price) gets every kept
 * candidate after its cursor instead.
 */
const CANDIDATES_PER_ROW = 2;

/** A first page of a search, and whether it came from its words or from their typos. */
export interface FirstSearchPage {
  rows: ProductRow[];
  mode: SearchMode;
}

/**
 * Typo-tolerant search pages in relevance order without scoring every similar product on every
 * request (issue 18): the first request for a search scores it in PostgreSQL (catalog_typo_scores)
 * and keeps the best SCORES_KEPT; later pages and later shoppers read their page from those, joined
 * to the products and filtered as every page is, as long as the search generation (the version of
 * every product's words) is unchanged. Whenever the kept scores cannot answer for sure (words
 * changed, a page needs more candidates than were kept), the page is read the way it was before.
 */
@Injectable()
export class TypoSearchService {
  private readonly kept = new TypoScoreCache(SEARCHES_KEPT);
  private pagesScoredInFull = 0;

  constructor(private readonly dataSource: DataSource) {}

  /** `rows` rows (the page and one more) of the typo search for `terms` after `after`, best first. */
  async page(filter: PublicProductFilter, terms: SearchTerms, after: Keyset | undefined, rows: number): Promise<ProductRow[]> {
    const words = terms.fuzzy;
    if (words === null) throw new Error('A typo search needs words to look for');
    const scores = await this.kept.get(words, () => this.score(words));
    const window = candidateWindow(scores, after, isFiltered(filter) ? undefined : CANDIDATES_PER_ROW * rows);
    if (window.candidates.length === 0 && window.exhaustive) {
      // Nothing resembles these words (or nothing is left after the cursor): the page is empty for
      // sure while every product's words are those the scores were kept for. Scoring the whole
      // catalog again would only say so again, on every request for a hopeless word.
      if (!(await this.isStale(scores))) return [];
      this.kept.forget(words, scores);
    } else if (window.candidates.length > 0) {
      const scored = { generation: scores.generation, candidates: window.candidates };
      const found = await this.run<ProductRow>(listProductsQuery(filter, { terms, mode: 'typos', scored }, 'relevance', after, rows));
      // A full page came from the best candidates after the cursor, and any row proves the scores current.
      if (found.length === rows || (found.length > 0 && window.exhaustive)) return found;
      if (found.length === 0) {
        if (await this.isStale(scores)) this.kept.forget(words, scores);
        else if (window.exhaustive) return found;
      }
    }
    this.pagesScoredInFull += 1;
    return this.run<ProductRow>(listProductsQuery(filter, { terms, mode: 'typos' }, 'relevance', after, rows));
  }

  /**
   * The first page of a relevance search whose typo scores are kept here, in one round trip: its
   * words' page, or (only when they find nothing) its typo page from the kept scores
   * (firstSearchPageQuery). Searches whose words once found nothing are asked again and again
   * (a misspelling in a shared link); they used to wait for the empty words page before the typo
   * page was asked. Undefined when no scores are kept for these words: ask the words first.
   */
  async firstPage(filter: PublicProductFilter, terms: SearchTerms, rows: number): Promise<FirstSearchPage | undefined> {
    const kept = terms.fuzzy === null ? undefined : this.kept.peek(terms.fuzzy);
    const scores = await kept?.catch(() => undefined);
    if (scores === undefined) return undefined;
    const window = candidateWindow(scores, undefined, isFiltered(filter) ? undefined : CANDIDATES_PER_ROW * rows);
    const found = await this.run<ProductRow>(firstSearchPageQuery(filter, terms, { generation: scores.generation, candidates: window.candidates }, rows));
    if (found[0]?.typos === false) return { rows: found, mode: 'words' };
    if (found.length === rows || (found.length > 0 && window.exhaustive)) return { rows: found, mode: 'typos' };
    // The words found nothing and the window could not answer for sure (stale, or too few shown).
    return { rows: await this.page(filter, terms, undefined, rows), mode: 'typos' };
  }

  /** How many searches this process keeps scores for (tests, metrics). */
  get searchesKept(): number {
    return this.kept.size;
  }

  /** Typo pages this process could not answer from kept scores and scored every product for (tests, metrics). */
  get fullScorings(): number {
    return this.pagesScoredInFull;
  }

  private async score(words: string): Promise<TypoScores> {
    const rows = await this.run<{ generation: string; id: string | null; score: number | null }>(typoScoresToKeepQuery(words, SCORES_KEPT));
    const generation = rows[0]?.generation;
    if (generation === undefined) throw new Error('search_generation has no row (migration CatalogSearchGeneration)');
    const candidates = rows.flatMap((row) => (row.id !== null && row.score !== null ? [{ id: row.id, score: row.score }] : []));
    return { generation, candidates: candidates.slice(0, SCORES_KEPT), complete: candidates.length <= SCORES_KEPT };
  }

  private async isStale(scores: TypoScores): Promise<boolean> {
    const [row] = await this.run<{ generation: string }>({ text: 'SELECT generation::text AS generation FROM search_generation', values: [] });
    return row?.generation !== scores.generation;
  }

  private run<Row>(query: SqlQuery): Promise<Row[]> {
    return runSql<Row>(this.dataSource, query, { prepare: true });
  }
}

function isFiltered(filter: PublicProductFilter): boolean {
  return Object.values(filter).some((value) => value !== undefined);
}
