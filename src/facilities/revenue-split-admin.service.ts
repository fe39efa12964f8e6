import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { assertCan } from '../auth/access-policy.js';
import type { AuthUser } from '../auth/auth-user.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { CreateRevenueSplitDto } from './dto/create-revenue-split.dto.js';
import { FacilitiesService } from './facilities.service.js';
import { RevenueSplitDateTaken } from './facility.errors.js';
import { RevenueSplitView, toRevenueSplitView } from './facility.views.js';
import { RevenueSplitRule } from './revenue-split-rule.entity.js';
import { RevenueSplitService } from './revenue-split.service.js';

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
    assertCan(user, 'facility.read');
    await this.facilities.findInScope(this.dataSource.manager, user, facilityId);
    return this.splits.history(facilityId);
  }

  async add(user: AuthUser, facilityId: string, dto: CreateRevenueSplitDto): Promise<RevenueSplitView> {
    const facility = await this.facilities.findInScope(this.dataSource.manager, user, facilityId);
    assertCan(user, 'facility.manageRevenueSplit');
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

/** A rule must account for the whole profit and must not rewrite the past. */
export function assertValidSplit(dto: CreateRevenueSplitDto, today: string = new Date().toISOString().slice(0, 10)): void {
  const total = dto.premiPercent + dto.pnbpPercent + dto.capitalPercent;
  if (total !== 100) {
    throw new DomainError('VALIDATION_FAILED', `premiPercent + pnbpPercent + capitalPercent must be 100, not ${total}`, {
      errors: [{ field: 'premiPercent', message: `the three shares add up to ${total}, not 100` }],
    });
  }
  const day = dto.effectiveFrom.slice(0, 10);
  if (dto.effectiveFrom.length !== 10 || day < today) {
    throw new DomainError('VALIDATION_FAILED', 'effectiveFrom must be a date (YYYY-MM-DD), today or later', {
      errors: [{ field: 'effectiveFrom', message: 'must be a date (YYYY-MM-DD), today or later' }],
    });
  }
}
