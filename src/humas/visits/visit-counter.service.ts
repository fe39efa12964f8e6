import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { JobQueue } from '../../jobs/job-queue.js';
import { type ViewRequest, isCountableView } from './countable-view.js';
import { classifyArrival, hostOf } from './referrer-source.js';
import { type ViewCount, type VisitBatch, VisitBuffer, type VisitorEntry, type VisitPageKind } from './visit-buffer.js';
import { addDays, jakartaDay, VisitClock } from './visit-day.js';
import { FLUSH_VIEWS_SQL, FLUSH_VISITORS_SQL } from './visit.queries.js';
import { visitorHash, visitorIdentity } from './visitor-hash.js';

const SWEEP_QUEUE = 'humas.visit-salts-sweep';
/** How often a process writes what it counted. */
const FLUSH_INTERVAL_MS = 2_000;
/** Rows in memory that trigger a flush before the interval is up (a burst). */
const FLUSH_AT_ROWS = 5_000;
/** Rows a failing database may leave in memory; past this, the oldest failed batch is dropped with a warning. */
const MAX_BUFFERED_ROWS = 200_000;
/**
 * Rows per flush statement. Each chunk is its own short statement (and transaction), so a big
 * flush never holds its row locks for seconds: 100,000 distinct visitors in one statement took
 * 5.3 s, while the showcase's own flushes and another process's wait on the same rows.
 */
export const FLUSH_CHUNK_ROWS = 5_000;

/** A visitor ready to write: hashed, never an identity. */
interface HashedVisitor extends VisitorEntry {
  hash: Buffer;
}

/** One page view as the interceptor sees it. */
export interface PageVisit extends ViewRequest {
  kind: VisitPageKind;
  key: string;
  /** Path and query of the page (`req.originalUrl`). */
  url: string;
  referer: string | undefined;
  /** `req.ip`: the socket's address, or the forwarded client's with TRUST_PROXY. */
  ip: string | undefined;
  /** The Host the request was sent to: a Referer from it is a click inside the site. */
  host: string | undefined;
}

/**
 * Counts showcase page views and daily unique visitors without tracking anyone. A view only
 * touches memory (VisitBuffer); every few seconds, at a burst, and at shutdown the buffer is
 * written by set-based upserts of at most FLUSH_CHUNK_ROWS rows each, so no counter row is hot,
 * no statement runs long, and several processes add up exactly. A chunk is atomic; when one
 * fails, it and the chunks after it go back into the buffer for the next flush, the chunks
 * already written do not (they would count twice). Unique visitors are salted hashes (visitor-hash.ts) kept for 48 hours
 * in `visitor_day`; the salt is random per day and deleted with them (`sweep`).
 */
@Injectable()
export class VisitCounter implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('VisitCounter');
  private readonly ownHosts: string[];
  private buffer = new VisitBuffer();
  /** The salts of today and yesterday, as read from `visit_salt`. */
  private readonly salts = new Map<string, Buffer>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** A background flush is waiting its turn: a burst must not queue one per request over the threshold. */
  private queued = false;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly clock: VisitClock,
  ) {
    this.ownHosts = [...new Set([config.publicBaseUrl, config.webBaseUrl].map(hostOf))];
  }

  get enabled(): boolean {
    return this.config.visitCounting;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.register({ name: SWEEP_QUEUE, retryLimit: 3, retryDelay: 60 }, async () => {
      await this.sweep();
    });
    // Every quarter hour: a salt is gone at most 48 h 15 min after its day began.
    await this.jobs.every(SWEEP_QUEUE, '*/15 * * * *');
    if (!this.enabled) return;
    this.timer = setInterval(() => this.flushInBackground(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.flush();
  }

  /** `record`, for the request path: whatever a request carries, counting it never breaks the page. */
  recordSafely(visit: PageVisit): void {
    try {
      this.record(visit);
    } catch (error) {
      this.logger.warn({ err: error }, 'Page view not counted');
    }
  }

  /** Counts one answered page request, if a person saw it. Never touches the database. */
  record(visit: PageVisit): void {
    if (!this.enabled || this.stopped || !isCountableView(visit)) return;
    const day = jakartaDay(this.clock.now());
    const page = { day, kind: visit.kind, key: visit.key };
    const host = visit.host ? requestHost(visit.host) : '';
    const ownHosts = host ? [...this.ownHosts, host] : this.ownHosts;
    const arrival = classifyArrival(visit.url, visit.referer, ownHosts);
    this.buffer.addView(page, arrival.source, arrival.campaign);
    const identity = visitorIdentity(visit.ip, visit.userAgent);
    const salt = this.salts.get(day);
    this.buffer.addVisitor(salt ? { ...page, hash: visitorHash(salt, identity) } : { ...page, identity });
    if (this.buffer.size >= FLUSH_AT_ROWS) this.flushInBackground();
  }

  /** Writes everything counted so far (after any flush already under way); for shutdown and tests. */
  flush(): Promise<void> {
    const next = this.flushing.then(() => this.writeBuffered());
    this.flushing = next.catch(() => undefined);
    return next;
  }

  /**
   * Deletes the salts and visitor hashes of every day before yesterday (WIB): without its salt a
   * day's hashes could not be recomputed from an address anyway, and the counts are already added up.
   */
  async sweep(): Promise<{ salts: number; visitors: number }> {
    const keepFrom = addDays(this.clock.today(), -1);
    return this.dataSource.transaction(async (em) => {
      const deleted = async (table: 'visitor_day' | 'visit_salt'): Promise<number> => {
        const [row] = await em.query<{ count: number }[]>(`WITH gone AS (DELETE FROM ${table} WHERE day < $1::date RETURNING 1) SELECT count(*)::int AS count FROM gone`, [keepFrom]);
        return row?.count ?? 0;
      };
      const visitors = await deleted('visitor_day');
      const salts = await deleted('visit_salt');
      for (const day of this.salts.keys()) if (day < keepFrom) this.salts.delete(day);
      return { salts, visitors };
    });
  }

  private flushInBackground(): void {
    if (this.queued) return;
    this.queued = true;
    this.flush().catch((error: unknown) => this.logger.warn({ err: error }, 'Visit counts not written yet; kept for the next flush'));
  }

  private async writeBuffered(): Promise<void> {
    this.queued = false;
    if (this.buffer.size === 0) return;
    // What is not written yet: the whole batch until it is prepared, then what the chunks leave.
    let unwritten: VisitBatch = this.buffer.take();
    try {
      const { views, visitors } = await this.prepare(unwritten);
      unwritten = { views, visitors };
      for (let at = 0; at < views.length; at += FLUSH_CHUNK_ROWS) {
        await this.writeViews(views.slice(at, at + FLUSH_CHUNK_ROWS));
        unwritten = { views: views.slice(at + FLUSH_CHUNK_ROWS), visitors };
      }
      for (let at = 0; at < visitors.length; at += FLUSH_CHUNK_ROWS) {
        await this.writeVisitors(visitors.slice(at, at + FLUSH_CHUNK_ROWS));
        unwritten = { views: [], visitors: visitors.slice(at + FLUSH_CHUNK_ROWS) };
      }
    } catch (error) {
      const dropped = this.buffer.restore(unwritten, MAX_BUFFERED_ROWS);
      if (dropped > 0) this.logger.warn({ dropped }, 'Visit counts dropped: the database has been unreachable too long');
      throw error;
    }
  }

  /**
   * The batch as the flush writes it: visitors of days already swept left out, every visitor
   * hashed (an identity kept while the day's salt was not at hand is hashed now and forgotten),
   * both lists sorted so two processes flushing the same keys lock them in the same order.
   */
  private async prepare(batch: VisitBatch): Promise<{ views: ViewCount[]; visitors: HashedVisitor[] }> {
    const yesterday = addDays(this.clock.today(), -1);
    for (const day of this.salts.keys()) if (day < yesterday) this.salts.delete(day);
    // A day's salt is gone after the sweep; a batch that old (a long outage) keeps its views but
    // cannot tell its visitors apart any more, and must not recreate the salt.
    const current = batch.visitors.filter((visitor) => visitor.day >= yesterday);
    if (current.length < batch.visitors.length) this.logger.warn({ dropped: batch.visitors.length - current.length }, 'Visitors of days already swept not counted');
    for (const day of new Set(current.filter((visitor) => !visitor.hash).map((visitor) => visitor.day))) await this.saltOf(day);
    const visitors = current
      .map((visitor): HashedVisitor => {
        const hash = visitor.hash ?? visitorHash(this.requireSalt(visitor.day), visitor.identity ?? '');
        return { day: visitor.day, kind: visitor.kind, key: visitor.key, hash };
      })
      .sort((a, b) => Buffer.compare(a.hash, b.hash));
    const views = [...batch.views].sort((a, b) => compare(viewKey(a), viewKey(b)));
    return { views, visitors };
  }

  private async writeViews(views: readonly ViewCount[]): Promise<void> {
    await this.dataSource.query(FLUSH_VIEWS_SQL, [
      views.map((view) => view.day),
      views.map((view) => view.kind),
      views.map((view) => view.key),
      views.map((view) => view.source),
      views.map((view) => view.campaign),
      views.map((view) => view.count),
    ]);
  }

  /** One statement: the new hashes and the unique-visitor counts they add rise together or not at all. */
  private async writeVisitors(visitors: readonly HashedVisitor[]): Promise<void> {
    await this.dataSource.query(FLUSH_VISITORS_SQL, [visitors.map((v) => v.day), visitors.map((v) => v.kind), visitors.map((v) => v.key), visitors.map((v) => v.hash.toString('hex'))]);
  }

  /** The day's salt: made by whichever process needs it first (32 random bytes), then read by all. */
  private async saltOf(day: string): Promise<Buffer> {
    const known = this.salts.get(day);
    if (known) return known;
    await this.dataSource.query(`INSERT INTO visit_salt (day, salt) VALUES ($1::date, $2) ON CONFLICT (day) DO NOTHING`, [day, randomBytes(32)]);
    const [row] = await this.dataSource.query<{ salt: Buffer }[]>(`SELECT salt FROM visit_salt WHERE day = $1::date`, [day]);
    if (!row) throw new Error(`Visit salt of ${day} vanished as it was made`);
    this.salts.set(day, row.salt);
    return row.salt;
  }

  private requireSalt(day: string): Buffer {
    const salt = this.salts.get(day);
    if (!salt) throw new Error(`No visit salt read for ${day}`);
    return salt;
  }
}

/** The Host header as `ownHosts` wants it; '' when it is no host at all (a client can send anything). */
function requestHost(host: string): string {
  try {
    return hostOf(`http://${host}`);
  } catch {
    return '';
  }
}

function viewKey(view: ViewCount): string {
  return `${view.day}|${view.kind}|${view.key}|${view.source}|${view.campaign}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
