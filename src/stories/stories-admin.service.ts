import { Injectable } from '@nestjs/common';
import { type Page } from '../common/pagination/cursor.js';
import { newestFirstPage } from '../common/pagination/newest-first.js';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { targetFacilityId } from '../auth/access-policy.js';
import type { AuthUser } from '../auth/auth-user.js';
import { likePattern, slugify } from '../common/text/slug.js';
import { FacilitiesService } from '../facilities/facilities.service.js';
import { whereFacilityInScope } from '../facilities/facility-scope.js';
import { MediaService } from '../media/media.service.js';
import type { CreateStoryDto } from './dto/create-story.dto.js';
import type { ListAdminStoriesDto } from './dto/list-admin-stories.dto.js';
import type { UpdateStoryDto } from './dto/update-story.dto.js';
import { toStoryAdminView } from './story-admin.mapper.js';
import { StoryContentService } from './story-content.service.js';
import { contentOf, StoryLoader, type ScopedStory } from './story-loader.js';
import type { StoryContent } from './story-revision.js';
import { Story } from './story.entity.js';
import type { StoryAdminView } from './story.views.js';

const EMPTY_CONTENT: StoryContent = {
  title: '',
  excerpt: '',
  markdown: '',
  html: '',
  readingMinutes: 1,
  tags: [],
  program: null,
  featuresIndividual: false,
  consentId: null,
  productIds: [],
  coverHash: null,
  coverWidth: null,
  coverHeight: null,
  coverAlt: '',
};

/**
 * Writing stories: drafts and edits, scoped to the admin's facility, Kanwil or the nation. An edit
 * to a published story never touches what the public reads; it becomes a revision that goes
 * through review on its own (StoryReviewService).
 */
@Injectable()
export class StoriesAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly facilities: FacilitiesService,
    private readonly content: StoryContentService,
    private readonly loader: StoryLoader,
    private readonly media: MediaService,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, query: ListAdminStoriesDto): Promise<Page<StoryAdminView>> {
    const qb = this.dataSource.getRepository(Story).createQueryBuilder('s');
    whereFacilityInScope(qb, user, 's.facility_id');
    if (query.facilityId) qb.andWhere('s.facility_id = :facilityId', { facilityId: query.facilityId });
    if (query.status) qb.andWhere('s.status = :status', { status: query.status });
    if (query.awaitingReview === 'true') qb.andWhere(`(s.status = 'IN_REVIEW' OR s.revision->>'state' = 'IN_REVIEW')`);
    // Sent back: review's comment stays until the author submits again (submit clears it).
    if (query.sentBack === 'true') qb.andWhere(`s.rejection_reason IS NOT NULL AND (s.status = 'DRAFT' OR s.revision->>'state' = 'DRAFT')`);
    const q = query.q?.trim();
    if (q) qb.andWhere(`(s.title ILIKE :pattern OR s.revision->>'title' ILIKE :pattern)`, { pattern: likePattern(q) });
    const page = await newestFirstPage(qb, query);
    const productIds = await this.loader.productIdsByStory(this.dataSource.manager, page.data.map((story) => story.id));
    return {
      data: page.data.map((story) => toStoryAdminView(this.media, story, contentOf(story, productIds.get(story.id) ?? []))),
      nextCursor: page.nextCursor,
    };
  }

  async get(user: AuthUser, id: string): Promise<StoryAdminView> {
    const { story } = await this.loader.findInScope(this.dataSource.manager, user, id);
    return this.view(this.dataSource.manager, story);
  }

  async create(user: AuthUser, dto: CreateStoryDto): Promise<StoryAdminView> {
    const facilityId = targetFacilityId(user, dto.facilityId);
    return this.dataSource.transaction(async (em) => {
      const facility = await this.facilities.findInScope(em, user, facilityId);
      const content = await this.content.build(em, facility, EMPTY_CONTENT, { ...dto, productIds: dto.productIds ?? [] });
      const story = em.create(Story, {
        slug: await this.freeSlug(em, content.title),
        facilityId: facility.id,
        status: 'DRAFT',
        revision: null,
        rejectionReason: null,
        authorId: user.id,
        publishedAt: null,
      });
      await this.loader.applyLive(em, story, content);
      await this.audit.record(em, user, {
        action: 'story.create',
        entityType: 'story',
        entityId: story.id,
        facilityId: facility.id,
        kanwilId: facility.kanwilId,
        before: null,
        after: { title: story.title, slug: story.slug, status: story.status },
      });
      return this.view(em, story);
    });
  }

  /**
   * DRAFT and ARCHIVED stories change in place; one IN_REVIEW goes back to DRAFT (review judges
   * what was submitted, not a moving target). A PUBLISHED story keeps its live content: the edit
   * lands in its revision, which goes back to DRAFT until submitted again.
   */
  async update(user: AuthUser, id: string, dto: UpdateStoryDto): Promise<StoryAdminView> {
    return this.dataSource.transaction(async (em) => {
      const scoped = await this.loader.findInScope(em, user, id, { lock: true });
      const { story, facility } = scoped;
      const before = { status: story.status, revision: story.revision?.state ?? null, title: story.title };
      if (story.status === 'PUBLISHED') {
        const base = story.revision ?? (await this.loader.liveContent(em, story));
        const revised = await this.content.build(em, facility, base, dto);
        story.revision = { ...revised, state: 'DRAFT' };
        await em.save(story);
      } else {
        const revised = await this.content.build(em, facility, await this.loader.liveContent(em, story), dto);
        if (story.status === 'IN_REVIEW') story.status = 'DRAFT';
        await this.loader.applyLive(em, story, revised);
      }
      await this.recordChange(em, user, scoped, 'story.update', before);
      return this.view(em, story);
    });
  }

  /** Records a workflow step or edit in the audit log, with the state before and after. */
  async recordChange(em: EntityManager, user: AuthUser, { story, facility }: ScopedStory, action: string, before: Record<string, unknown>): Promise<void> {
    await this.audit.record(em, user, {
      action,
      entityType: 'story',
      entityId: story.id,
      facilityId: facility.id,
      kanwilId: facility.kanwilId,
      before,
      after: { status: story.status, revision: story.revision?.state ?? null, title: story.title, ...(story.rejectionReason ? { rejectionReason: story.rejectionReason } : {}) },
    });
  }

  async view(em: EntityManager, story: Story): Promise<StoryAdminView> {
    return toStoryAdminView(this.media, story, await this.loader.liveContent(em, story));
  }

  /** Slugs are fixed at creation: links shared while a story is live keep working after edits. */
  private async freeSlug(em: EntityManager, title: string): Promise<string> {
    const base = slugify(title) || 'cerita';
    for (let attempt = 0; ; attempt += 1) {
      const candidate = attempt === 0 ? base : `${base}-${attempt + 1}`;
      if (!(await em.existsBy(Story, { slug: candidate }))) return candidate;
    }
  }
}
