import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { JobQueue } from '../jobs/job-queue.js';
import { MediaUsage, tryLockContentHash } from './media-usage.js';
import { isTemporaryKey, STORAGE_DRIVER, type StorageDriver, type StoredObject } from './storage/storage-driver.js';

export const MEDIA_SWEEP_QUEUE = 'media.sweep';

/** `images/<ab>/<hash>/<file>`: the files of one picture (media-keys.ts), temporary ones included. */
const IMAGE_FILE = /^images\/([0-9a-f]{2})\/([0-9a-f]{64})\/[^/]+$/;

/** Hashes asked about at once: one usage query per feature per batch, not per picture. */
const BATCH = 500;

/**
 * Derived pictures (share pictures, `derived/`) are named by the hash of what they show, so an edit
 * leaves the old version behind, and any missing one is drawn again on its next request. Age alone
 * decides: one not written for 30 days goes, and if a page still names it, it is redrawn once.
 */
export const DERIVED_MAX_AGE_DAYS = 30;

export interface SweepResult {
  /** Files looked at. */
  scanned: number;
  /** Pictures whose files were removed: no row shows them and they are older than the grace period. */
  removedImages: number;
  removedFiles: number;
  /** Temporary files of writes that never finished (a crash mid-write). */
  removedTemporary: number;
  /** Unclaimed pictures left alone because an upload or delete of the same picture holds its lock. */
  skippedInFlight: number;
  /** Derived pictures (and their temporary files) older than DERIVED_MAX_AGE_DAYS. */
  removedDerived: number;
}

interface Picture {
  hash: string;
  keys: string[];
  newest: number;
}

/**
 * Uploads write files before the rows that refer to them commit (the rows need the files, and the
 * commit is what makes the picture visible). A crash in between, or a failed rollback, leaves files
 * no row names; a crash mid-write leaves a temporary file. This removes both once they are older
 * than MEDIA_SWEEP_GRACE_MINUTES: hourly, and soon after every start (a crash is followed by one).
 *
 * A picture's files go only while its content-hash lock is free and no feature claims the hash
 * (MediaUsage), checked under that lock: an upload holds the same lock from before it looks for
 * existing files until its rows commit, so files an upload is about to reuse are never taken.
 */
@Injectable()
export class MediaSweep implements OnApplicationBootstrap {
  private readonly logger = new Logger('MediaSweep');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
    private readonly usage: MediaUsage,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Two sweeps at once (several processes starting together) are harmless: per-picture locks,
    // and deleting what is already gone is no error.
    await this.jobs.register({ name: MEDIA_SWEEP_QUEUE, retryLimit: 0 }, async () => {
      await this.sweep();
    });
    await this.jobs.every(MEDIA_SWEEP_QUEUE, '41 * * * *');
    await this.jobs.send(MEDIA_SWEEP_QUEUE, {});
  }

  async sweep(now: Date = new Date()): Promise<SweepResult> {
    // With no feature registered every picture would look unused: refuse rather than empty the store.
    if (!this.usage.hasChecks) throw new Error('No feature registered its media usage; refusing to sweep');
    const cutoff = now.getTime() - this.config.media.sweepGraceMinutes * 60_000;
    const result: SweepResult = { scanned: 0, removedImages: 0, removedFiles: 0, removedTemporary: 0, skippedInFlight: 0, removedDerived: 0 };
    let batch: Picture[] = [];
    let current: Picture | undefined;
    for await (const object of this.storage.list('images/')) {
      result.scanned += 1;
      const time = object.modifiedAt.getTime();
      if (isTemporaryKey(object.key)) {
        if (time < cutoff) await this.removeTemporary(object, result);
        continue;
      }
      const match = IMAGE_FILE.exec(object.key);
      const hash = match?.[2];
      // Anything else under images/ is not ours to judge.
      if (!match || hash === undefined || !hash.startsWith(match[1] ?? '')) continue;
      if (current?.hash !== hash) {
        if (current) batch.push(current);
        current = { hash, keys: [], newest: 0 };
        if (batch.length >= BATCH) batch = await this.removeUnclaimed(batch, cutoff, result);
      }
      current.keys.push(object.key);
      current.newest = Math.max(current.newest, time);
    }
    if (current) batch.push(current);
    await this.removeUnclaimed(batch, cutoff, result);
    await this.removeOldDerived(now, result);
    if (result.removedFiles + result.removedTemporary + result.removedDerived > 0 || result.skippedInFlight > 0) {
      this.logger.log({ ...result, graceMinutes: this.config.media.sweepGraceMinutes }, 'Swept media files no row refers to');
    }
    return result;
  }

  private async removeOldDerived(now: Date, result: SweepResult): Promise<void> {
    const cutoff = now.getTime() - DERIVED_MAX_AGE_DAYS * 86_400_000;
    for await (const object of this.storage.list('derived/')) {
      result.scanned += 1;
      if (object.modifiedAt.getTime() >= cutoff) continue;
      await this.storage.delete(object.key);
      result.removedDerived += 1;
    }
  }

  private async removeTemporary(object: StoredObject, result: SweepResult): Promise<void> {
    await this.storage.delete(object.key);
    result.removedTemporary += 1;
  }

  /** Returns an empty batch to fill again. */
  private async removeUnclaimed(batch: Picture[], cutoff: number, result: SweepResult): Promise<Picture[]> {
    // Young files may belong to an upload that is about to commit (or to the demo seeder).
    const old = batch.filter((picture) => picture.newest < cutoff);
    if (old.length === 0) return [];
    // A first look without locks rules out the pictures in use, which is nearly all of them.
    const claimed = await this.usage.usedAmong(this.dataSource.manager, old.map((picture) => picture.hash));
    for (const picture of old) {
      if (claimed.has(picture.hash)) continue;
      await this.dataSource.transaction(async (em) => {
        if (!(await tryLockContentHash(em, picture.hash))) {
          result.skippedInFlight += 1;
          return;
        }
        // Claimed since the first look: an upload reused the files and committed.
        if (await this.usage.isUsed(em, picture.hash)) return;
        for (const key of picture.keys) await this.storage.delete(key);
        result.removedImages += 1;
        result.removedFiles += picture.keys.length;
      });
    }
    return [];
  }
}
