import type { VisitSource } from './referrer-source.js';

/** The pages counted, and what scopes they belong to: product, story and facility pages to one facility, the rest only to the nation. */
export const VISIT_PAGE_KINDS = ['home', 'search', 'programme', 'product', 'story', 'facility'] as const;
export type VisitPageKind = (typeof VISIT_PAGE_KINDS)[number];

export interface PageRef {
  day: string;
  kind: VisitPageKind;
  /** The page's slug, '' for home and search. */
  key: string;
}

export interface ViewCount extends PageRef {
  source: VisitSource;
  campaign: string;
  count: number;
}

/**
 * A visitor on a page: its salted hash when the day's salt was at hand, or, for the first moments
 * of a day in this process, the identity itself, hashed by the flush once it has the salt. Either
 * way it only ever lives in memory.
 */
export interface VisitorEntry extends PageRef {
  hash?: Buffer;
  identity?: string;
}

export interface VisitBatch {
  views: ViewCount[];
  visitors: VisitorEntry[];
}

/**
 * Page views and visitors counted since the last flush, in memory: a view is a map update, never
 * a database write. Views of the same page, day, source and campaign add up to one row; the same
 * visitor on the same page and day is kept once.
 */
export class VisitBuffer {
  private views = new Map<string, ViewCount>();
  private visitors = new Map<string, VisitorEntry>();

  /** Rows waiting: what a flush would write. */
  get size(): number {
    return this.views.size + this.visitors.size;
  }

  addView(page: PageRef, source: VisitSource, campaign: string, count = 1): void {
    const key = `${page.day}|${page.kind}|${page.key}|${source}|${campaign}`;
    const existing = this.views.get(key);
    if (existing) existing.count += count;
    else this.views.set(key, { day: page.day, kind: page.kind, key: page.key, source, campaign, count });
  }

  addVisitor(entry: VisitorEntry): void {
    const who = entry.hash ? `h:${entry.hash.toString('base64')}` : `i:${entry.identity ?? ''}`;
    const key = `${entry.day}|${entry.kind}|${entry.key}|${who}`;
    if (!this.visitors.has(key)) this.visitors.set(key, entry);
  }

  /** Everything counted so far; the buffer starts empty again. */
  take(): VisitBatch {
    const batch = { views: [...this.views.values()], visitors: [...this.visitors.values()] };
    this.views = new Map();
    this.visitors = new Map();
    return batch;
  }

  /**
   * Puts back a batch whose flush failed, to be written with the next one, as long as the buffer
   * stays under `limit` rows; returns how many rows did not fit (dropped).
   */
  restore(batch: VisitBatch, limit: number): number {
    let dropped = 0;
    for (const view of batch.views) {
      const key = `${view.day}|${view.kind}|${view.key}|${view.source}|${view.campaign}`;
      if (this.views.has(key) || this.size < limit) this.addView(view, view.source, view.campaign, view.count);
      else dropped += 1;
    }
    for (const visitor of batch.visitors) {
      if (this.size < limit) this.addVisitor(visitor);
      else dropped += 1;
    }
    return dropped;
  }
}
