import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type MediaUsageCheck = (em: EntityManager, contentHash: string) => Promise<boolean>;

/**
 * Image files are shared by content hash across features (product photos, story covers). Before
 * one feature deletes the files of a hash, every feature that registered here is asked whether it
 * still shows them. Callers hold `lockContentHashes` for the hash while asking and deleting.
 */
@Injectable()
export class MediaUsage {
  private readonly checks: MediaUsageCheck[] = [];

  register(check: MediaUsageCheck): void {
    this.checks.push(check);
  }

  async isUsed(em: EntityManager, contentHash: string): Promise<boolean> {
    for (const check of this.checks) if (await check(em, contentHash)) return true;
    return false;
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
