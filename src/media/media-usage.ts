import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Of `contentHashes`, those a feature still shows (any order, duplicates allowed). */
export type MediaUsageCheck = (em: EntityManager, contentHashes: string[]) => Promise<Iterable<string>>;

/**
 * Image files are shared by content hash across features (product photos, story covers). Before
 * files of a hash are deleted (a photo removed, or the media sweep finding files no row names),
 * every feature that registered here is asked whether it still shows them. Callers hold
 * `lockContentHashes` (or won `tryLockContentHash`) for the hash while asking and deleting.
 */
@Injectable()
export class MediaUsage {
  private readonly checks: MediaUsageCheck[] = [];

  register(check: MediaUsageCheck): void {
    this.checks.push(check);
  }

  /** Whether any feature registered: with none, every file would look unused. */
  get hasChecks(): boolean {
    return this.checks.length > 0;
  }

  async isUsed(em: EntityManager, contentHash: string): Promise<boolean> {
    return (await this.usedAmong(em, [contentHash])).size > 0;
  }

  /** The hashes some feature still shows; each check is asked only about those no earlier one claimed. */
  async usedAmong(em: EntityManager, contentHashes: string[]): Promise<Set<string>> {
    const used = new Set<string>();
    let open = [...new Set(contentHashes)];
    for (const check of this.checks) {
      if (open.length === 0) break;
      for (const hash of await check(em, open)) used.add(hash);
      open = open.filter((hash) => !used.has(hash));
    }
    return used;
  }
}

/**
 * Serialises uploads and deletes of the same picture until the transaction ends (sorted, so two
 * transactions never wait on each other in opposite order): a delete can never remove files that a
 * concurrent upload has just decided to reuse.
 */
export async function lockContentHashes(em: EntityManager, hashes: string[]): Promise<void> {
  for (const hash of [...new Set(hashes)].sort()) {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('media:' || $1, 0))`, [hash]);
  }
}

/** The same lock without waiting: false while an upload or delete of the picture is in flight. */
export async function tryLockContentHash(em: EntityManager, hash: string): Promise<boolean> {
  const [row] = await em.query<{ locked: boolean }[]>(`SELECT pg_try_advisory_xact_lock(hashtextextended('media:' || $1, 0)) AS locked`, [hash]);
  return row?.locked === true;
}
