import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { assertInScope, targetFacilityId } from '../auth/access-policy.js';
import type { AuthUser } from '../auth/auth-user.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import { FacilitiesService } from '../facilities/facilities.service.js';
import { whereFacilityInScope } from '../facilities/facility-scope.js';
import { Facility } from '../facilities/facility.entity.js';
import { ConsentWithdrawalHooks } from './consent-withdrawal.hooks.js';
import { ConsentView, toConsentView } from './consent.views.js';
import type { CreateConsentDto } from './dto/create-consent.dto.js';
import { MakerConsent } from './maker-consent.entity.js';
import { IndividualCreditRefusedAtLpka } from './product.errors.js';

/**
 * Consent records of makers who agreed to be credited by initials or a pseudonym. Withdrawal is
 * immediate: every product credit using the record reverts to the group, and every registered
 * hook (stories) takes down what used it, in the same transaction.
 */
@Injectable()
export class MakerConsentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly facilities: FacilitiesService,
    private readonly audit: AuditService,
    private readonly withdrawalHooks: ConsentWithdrawalHooks,
  ) {}

  async list(user: AuthUser, facilityId?: string): Promise<ConsentView[]> {
    const qb = this.dataSource.getRepository(MakerConsent).createQueryBuilder('c');
    whereFacilityInScope(qb, user, 'c.facility_id');
    if (facilityId) qb.andWhere('c.facility_id = :facilityId', { facilityId });
    const rows = await qb.orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'DESC').limit(500).getMany();
    return rows.map(toConsentView);
  }

  async create(user: AuthUser, dto: CreateConsentDto): Promise<ConsentView> {
    const facilityId = targetFacilityId(user, dto.facilityId);
    return this.dataSource.transaction(async (em) => {
      const facility = await this.facilities.findInScope(em, user, facilityId);
      // Children at an LPKA are never named, not even by initials (UU SPPA art. 19).
      if (facility.type === 'LPKA') throw new IndividualCreditRefusedAtLpka();
      const consent = em.create(MakerConsent, {
        facilityId: facility.id,
        displayName: dto.displayName,
        nameKind: dto.nameKind,
        scopes: dto.scopes,
        recordedOn: dto.recordedOn,
        recordedByOfficer: dto.recordedByOfficer,
        withdrawnAt: null,
        createdById: user.id,
      });
      await em.save(consent);
      await this.audit.record(em, user, {
        action: 'consent.create',
        entityType: 'maker_consent',
        entityId: consent.id,
        facilityId: facility.id,
        kanwilId: facility.kanwilId,
        before: null,
        after: { displayName: consent.displayName, nameKind: consent.nameKind, scopes: consent.scopes, recordedOn: consent.recordedOn },
      });
      return toConsentView(consent);
    });
  }

  async withdraw(user: AuthUser, id: string): Promise<ConsentView> {
    return this.dataSource.transaction(async (em) => {
      const consent = await em.findOne(MakerConsent, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!consent) throw new NotFoundError('Consent record');
      const facility = await em.findOneBy(Facility, { id: consent.facilityId });
      assertInScope(user, facility, 'Consent record');
      if (consent.withdrawnAt) return toConsentView(consent);
      consent.withdrawnAt = new Date();
      await em.save(consent);
      // A CTE makes the UPDATE's RETURNING rows come back as a plain result set.
      const credited = await em.query<{ id: string }[]>(
        `WITH credited AS (
           UPDATE product SET maker_consent_id = NULL, updated_at = now(), version = version + 1
            WHERE maker_consent_id = $1 RETURNING id)
         SELECT id FROM credited`,
        [consent.id],
      );
      const removedElsewhere = await this.withdrawalHooks.run(em, consent.id);
      await this.audit.record(em, user, {
        action: 'consent.withdraw',
        entityType: 'maker_consent',
        entityId: consent.id,
        facilityId: facility.id,
        kanwilId: facility.kanwilId,
        before: { withdrawnAt: null },
        after: { withdrawnAt: consent.withdrawnAt, productCreditsRemoved: credited.map((row) => row.id), ...removedElsewhere },
      });
      return toConsentView(consent);
    });
  }
}
