import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { StoriesAdminService } from './stories-admin.service.js';
import { StoryContentService } from './story-content.service.js';
import { StoryLoader, type ScopedStory } from './story-loader.js';
import { assertStoryTransition } from './story-state.js';
import { StoryTransitionRefused } from './story.errors.js';
import type { StoryAdminView } from './story.views.js';

type Step = (scoped: ScopedStory, em: EntityManager) => Promise<void>;

/**
 * The editorial workflow (Humas review). Facility admins submit and unpublish their own stories;
 * only a regional admin of the story's Kanwil or a superadmin approves or sends back (the route's
 * `story.review` permission decides the role, the scope check here the Kanwil). A published
 * story's revision goes through the same submit/approve/reject steps while the live version stays up.
 */
@Injectable()
export class StoryReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loader: StoryLoader,
    private readonly content: StoryContentService,
    private readonly stories: StoriesAdminService,
  ) {}

  submit(user: AuthUser, id: string): Promise<StoryAdminView> {
    // Consent is checked here as well as at approval: a reviewer never sees a story about a maker who has not agreed.
    return this.step(user, id, 'story.submit', async ({ story, facility }, em) => {
      if (story.status === 'PUBLISHED') {
        if (story.revision?.state !== 'DRAFT') throw new StoryTransitionRefused('PUBLISHED (no edit waiting)', 'IN_REVIEW');
        const { state: _state, ...revised } = story.revision;
        await this.content.assertPublishable(em, facility, revised);
        story.revision = { ...story.revision, state: 'IN_REVIEW' };
      } else {
        assertStoryTransition(story.status, 'IN_REVIEW');
        await this.content.assertPublishable(em, facility, await this.loader.liveContent(em, story));
        story.status = 'IN_REVIEW';
      }
      story.rejectionReason = null;
    });
  }

  approve(user: AuthUser, id: string): Promise<StoryAdminView> {
    return this.step(user, id, 'story.approve', async ({ story, facility }, em) => {
      if (story.status === 'PUBLISHED') {
        if (story.revision?.state !== 'IN_REVIEW') throw new StoryTransitionRefused('PUBLISHED (no edit in review)', 'PUBLISHED');
        const { state: _state, ...revised } = story.revision;
        await this.content.assertPublishable(em, facility, revised);
        story.revision = null;
        await this.loader.applyLive(em, story, revised);
      } else {
        assertStoryTransition(story.status, 'PUBLISHED');
        await this.content.assertPublishable(em, facility, await this.loader.liveContent(em, story));
        story.status = 'PUBLISHED';
        story.publishedAt = new Date();
      }
      story.rejectionReason = null;
    });
  }

  reject(user: AuthUser, id: string, reason: string): Promise<StoryAdminView> {
    return this.step(user, id, 'story.reject', async ({ story }) => {
      if (story.status === 'PUBLISHED') {
        if (story.revision?.state !== 'IN_REVIEW') throw new StoryTransitionRefused('PUBLISHED (no edit in review)', 'DRAFT');
        story.revision = { ...story.revision, state: 'DRAFT' };
      } else {
        assertStoryTransition(story.status, 'DRAFT');
        story.status = 'DRAFT';
      }
      story.rejectionReason = reason;
    });
  }

  /** Takes a story off the public site at once; any pending revision stays for later. */
  unpublish(user: AuthUser, id: string): Promise<StoryAdminView> {
    return this.step(user, id, 'story.unpublish', async ({ story }) => {
      assertStoryTransition(story.status, 'ARCHIVED');
      story.status = 'ARCHIVED';
    });
  }

  private step(user: AuthUser, id: string, action: string, apply: Step): Promise<StoryAdminView> {
    return this.dataSource.transaction(async (em) => {
      const scoped = await this.loader.findInScope(em, user, id, { lock: true });
      const before = { status: scoped.story.status, revision: scoped.story.revision?.state ?? null };
      await apply(scoped, em);
      await em.save(scoped.story);
      await this.stories.recordChange(em, user, scoped, action, before);
      return this.stories.view(em, scoped.story);
    });
  }
}
