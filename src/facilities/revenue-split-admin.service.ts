import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import type { CreateRevenueSplitDto } from './dto/create-revenue-split.dto.js';
import { FacilitiesService } from './facilities.service.js';
import { RevenueSplitDateTaken } from './facility.errors.js';
import { RevenueSplitView, toRevenueSplitView } from './facility.views.js';
import { RevenueSplitRule } from './revenue-split-rule.entity.js';
import { RevenueSplitService } from './revenue-split.service.js';
import { assertValidSplit } from './revenue-split.rules.js';

/** Admin use cases around a facility's split rules. */
@Injectable()
export class RevenueSplitAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly facilities: FacilitiesService,
    private readonly splits: RevenueSplitService,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, facilityId: string): Promise<RevenueSplitView[]> {
    await this.facilities.findInScope(this.dataSource.manager, user, facilityId);
    return this.splits.history(facilityId);
  }

  async add(user: AuthUser, facilityId: string, dto: CreateRevenueSplitDto): Promise<RevenueSplitView> {
    const facility = await this.facilities.findInScope(this.dataSource.manager, user, facilityId);
    assertValidSplit(dto);
    return this.dataSource.transaction(async (em) => {
      if (await em.existsBy(RevenueSplitRule, { facilityId, effectiveFrom: dto.effectiveFrom })) {
        throw new RevenueSplitDateTaken(dto.effectiveFrom);
      }
      const rule = em.create(RevenueSplitRule, {
        facilityId,
        effectiveFrom: dto.effectiveFrom,
        premiPercent: dto.premiPercent,
        pnbpPercent: dto.pnbpPercent,
        capitalPercent: dto.capitalPercent,
        note: dto.note ?? '',
        createdById: user.id,
      });
      await em.save(rule);
      await this.audit.record(em, user, {
        action: 'facility.revenueSplit.add',
        entityType: 'revenue_split_rule',
        entityId: rule.id,
        facilityId,
        kanwilId: facility.kanwilId,
        before: null,
        after: { ...dto },
      });
      return toRevenueSplitView(rule);
    });
  }
}
