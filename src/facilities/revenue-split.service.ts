import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, LessThanOrEqual, Repository } from 'typeorm';
import { RevenueSplitRule } from './revenue-split-rule.entity.js';
import { RevenueSplitView, toRevenueSplitView } from './facility.views.js';

export interface RulesInForce {
  get(facilityId: string): RevenueSplitRule | undefined;
  national: RevenueSplitRule;
}

/**
 * Dated revenue-split rules. The rule in force for a facility on a day is its own latest rule
 * that started by then, else the national one.
 */
@Injectable()
export class RevenueSplitService {
  constructor(@InjectRepository(RevenueSplitRule) private readonly rules: Repository<RevenueSplitRule>) {}

  /**
   * Pass `em` to read inside the caller's transaction: one that holds row locks must not wait for
   * a second pooled connection.
   */
  async rulesInForce(facilityIds: string[], on: Date = new Date(), em?: EntityManager): Promise<RulesInForce> {
    const rules = em ? em.getRepository(RevenueSplitRule) : this.rules;
    const day = on.toISOString().slice(0, 10);
    const national = await rules.findOne({
      where: { facilityId: IsNull(), effectiveFrom: LessThanOrEqual(day) },
      order: { effectiveFrom: 'DESC' },
    });
    if (!national) throw new Error('No national revenue split rule in force; the initial migration seeds one');
    const own =
      facilityIds.length === 0
        ? []
        : await rules
            .createQueryBuilder('r')
            .distinctOn(['r.facility_id'])
            .where({ facilityId: In(facilityIds) })
            .andWhere('r.effective_from <= :day', { day })
            .orderBy('r.facility_id')
            .addOrderBy('r.effective_from', 'DESC')
            .getMany();
    const byFacility = new Map(own.map((rule) => [rule.facilityId as string, rule]));
    return { get: (facilityId) => byFacility.get(facilityId), national };
  }

  async history(facilityId: string): Promise<RevenueSplitView[]> {
    const rows = await this.rules.find({
      where: [{ facilityId }, { facilityId: IsNull() }],
      order: { effectiveFrom: 'DESC', createdAt: 'DESC' },
    });
    return rows.map(toRevenueSplitView);
  }
}
