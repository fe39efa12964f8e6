import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { NotFoundError, ValidationError } from '../../common/errors/domain-error.js';
import { mapPage, type Page } from '../../common/pagination/cursor.js';
import { newestFirstPage } from '../../common/pagination/newest-first.js';
import type { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { ownerFor, OWNED_IN_SCOPE_SQL, whereCampaignInScope } from './campaign-scope.js';
import { Campaign } from './campaign.entity.js';
import { type CampaignView, toCampaignView } from './campaign.views.js';
import type { CreateCampaignDto } from './dto/create-campaign.dto.js';
import type { UpdateCampaignDto } from './dto/update-campaign.dto.js';

export class CampaignNotFound extends NotFoundError {
  constructor() {
    super('Campaign');
  }
}

/**
 * Humas campaigns, scoped as everything else: the scope of a new campaign follows its creator's
 * role, and an admin reads and writes only campaigns of its scope (others are 404).
 */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, query: PageQueryDto): Promise<Page<CampaignView>> {
    const qb = whereCampaignInScope(this.dataSource.getRepository(Campaign).createQueryBuilder('c'), user);
    return mapPage(await newestFirstPage(qb, query), toCampaignView);
  }

  async get(user: AuthUser, id: string): Promise<CampaignView> {
    return toCampaignView(await this.findInScope(this.dataSource.manager, user, id));
  }

  async create(user: AuthUser, dto: CreateCampaignDto): Promise<CampaignView> {
    assertPeriod(dto.startsOn, dto.endsOn);
    const owner = ownerFor(user);
    return this.dataSource.transaction(async (em) => {
      await this.assertFeaturable(em, owner, 'productIds', dto.productIds ?? []);
      await this.assertFeaturable(em, owner, 'storyIds', dto.storyIds ?? []);
      const campaign = await em.getRepository(Campaign).save(
        em.getRepository(Campaign).create({
          name: dto.name,
          startsOn: dto.startsOn,
          endsOn: dto.endsOn,
          goal: dto.goal,
          ...owner,
          productIds: dto.productIds ?? [],
          storyIds: dto.storyIds ?? [],
          createdBy: user.id,
        }),
      );
      await this.audit.record(em, user, { action: 'campaign.create', entityType: 'campaign', entityId: campaign.id, facilityId: campaign.facilityId, kanwilId: campaign.kanwilId, before: null, after: snapshot(campaign) });
      return toCampaignView(campaign);
    });
  }

  async update(user: AuthUser, id: string, dto: UpdateCampaignDto): Promise<CampaignView> {
    return this.dataSource.transaction(async (em) => {
      const campaign = await this.findInScope(em, user, id, true);
      const before = snapshot(campaign);
      const owner = { scope: campaign.scope, facilityId: campaign.facilityId, kanwilId: campaign.kanwilId };
      // null is "unchanged", as absent: every column is required.
      campaign.name = dto.name ?? campaign.name;
      campaign.startsOn = dto.startsOn ?? campaign.startsOn;
      campaign.endsOn = dto.endsOn ?? campaign.endsOn;
      campaign.goal = dto.goal ?? campaign.goal;
      assertPeriod(campaign.startsOn, campaign.endsOn);
      if (dto.productIds) {
        await this.assertFeaturable(em, owner, 'productIds', dto.productIds);
        campaign.productIds = dto.productIds;
      }
      if (dto.storyIds) {
        await this.assertFeaturable(em, owner, 'storyIds', dto.storyIds);
        campaign.storyIds = dto.storyIds;
      }
      const saved = await em.getRepository(Campaign).save(campaign);
      await this.audit.record(em, user, { action: 'campaign.update', entityType: 'campaign', entityId: saved.id, facilityId: saved.facilityId, kanwilId: saved.kanwilId, before, after: snapshot(saved) });
      return toCampaignView(saved);
    });
  }

  /** Its links and their click counts go with it; orders keep the codes they were attributed to. */
  async remove(user: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const campaign = await this.findInScope(em, user, id, true);
      await em.getRepository(Campaign).delete({ id: campaign.id });
      await this.audit.record(em, user, { action: 'campaign.delete', entityType: 'campaign', entityId: campaign.id, facilityId: campaign.facilityId, kanwilId: campaign.kanwilId, before: snapshot(campaign), after: null });
    });
  }

  /** The campaign if the admin's scope holds it; otherwise CampaignNotFound (404), as if it did not exist. */
  async findInScope(em: EntityManager, user: AuthUser, id: string, lock = false): Promise<Campaign> {
    const qb = whereCampaignInScope(em.getRepository(Campaign).createQueryBuilder('c'), user).andWhere('c.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const campaign = await qb.getOne();
    if (!campaign) throw new CampaignNotFound();
    return campaign;
  }

  private async assertFeaturable(em: EntityManager, owner: Pick<Campaign, 'facilityId' | 'kanwilId'>, field: 'productIds' | 'storyIds', ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const rows = await em.query<{ id: string }[]>(field === 'productIds' ? OWNED_IN_SCOPE_SQL.PRODUCT : OWNED_IN_SCOPE_SQL.STORY, [ids, owner.facilityId, owner.kanwilId]);
    const found = new Set(rows.map((row) => row.id));
    const missing = ids.find((id) => !found.has(id));
    if (missing) throw new ValidationError(field, `names ${missing}, which is not a ${field === 'productIds' ? 'product' : 'story'} of this campaign's scope`);
  }
}

function assertPeriod(startsOn: string, endsOn: string): void {
  if (endsOn < startsOn) throw new ValidationError('endsOn', 'must not be before startsOn');
}

function snapshot(campaign: Campaign): Record<string, unknown> {
  return { name: campaign.name, startsOn: campaign.startsOn, endsOn: campaign.endsOn, goal: campaign.goal, productIds: campaign.productIds, storyIds: campaign.storyIds };
}
