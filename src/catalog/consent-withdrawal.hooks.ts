import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What a feature took down because a consent was withdrawn, for the audit entry: e.g. `{ storiesUnpublished: [ids] }`. */
export type ConsentWithdrawalHook = (em: EntityManager, consentId: string) => Promise<Record<string, string[]>>;

/**
 * Withdrawing a maker's consent must take down, in the same transaction, everything that used it.
 * Product credits are the catalog's own; features above it (stories) register what they remove.
 */
@Injectable()
export class ConsentWithdrawalHooks {
  private readonly hooks: ConsentWithdrawalHook[] = [];

  register(hook: ConsentWithdrawalHook): void {
    this.hooks.push(hook);
  }

  async run(em: EntityManager, consentId: string): Promise<Record<string, string[]>> {
    const removed: Record<string, string[]> = {};
    for (const hook of this.hooks) Object.assign(removed, await hook(em, consentId));
    return removed;
  }
}
