import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assertInScope } from '../auth/access-policy.js';
import type { AuthUser } from '../auth/auth-user.js';
import { Facility } from '../facilities/facility.entity.js';
import { StoryNotFound } from './story.errors.js';
import { Story } from './story.entity.js';
import type { StoryContent } from './story-revision.js';

export interface ScopedStory {
  story: Story;
  facility: Facility;
}

/** Finds a story an admin may see; anything outside their scope is reported as missing (404). */
@Injectable()
export class StoryLoader {
  async findInScope(em: EntityManager, user: AuthUser, id: string, options: { lock?: boolean } = {}): Promise<ScopedStory> {
    const story = await em.findOne(Story, { where: { id }, ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!story) throw new StoryNotFound();
    const facility = await em.findOneBy(Facility, { id: story.facilityId });
    assertInScope(user, facility, 'Story');
    return { story, facility };
  }

  async productIdsOf(em: EntityManager, storyId: string): Promise<string[]> {
    const rows = await em.query<{ product_id: string }[]>('SELECT product_id FROM story_product WHERE story_id = $1 ORDER BY product_id', [storyId]);
    return rows.map((row) => row.product_id);
  }

  /** Product links of many stories in one query (admin lists). */
  async productIdsByStory(em: EntityManager, storyIds: string[]): Promise<Map<string, string[]>> {
    const rows = await em.query<{ story_id: string; product_id: string }[]>(
      'SELECT story_id, product_id FROM story_product WHERE story_id = ANY($1::uuid[]) ORDER BY story_id, product_id',
      [storyIds],
    );
    const byStory = new Map<string, string[]>(storyIds.map((id) => [id, []]));
    for (const row of rows) byStory.get(row.story_id)?.push(row.product_id);
    return byStory;
  }

  /** The live content of a story, in the shape revisions and edits work on. */
  async liveContent(em: EntityManager, story: Story): Promise<StoryContent> {
    return contentOf(story, await this.productIdsOf(em, story.id));
  }

  /** Copies content onto the live columns and the product links. */
  async applyLive(em: EntityManager, story: Story, content: StoryContent): Promise<void> {
    story.title = content.title;
    story.excerpt = content.excerpt;
    story.markdown = content.markdown;
    story.html = content.html;
    story.readingMinutes = content.readingMinutes;
    story.tags = content.tags;
    story.program = content.program;
    story.featuresIndividual = content.featuresIndividual;
    story.consentId = content.consentId;
    story.coverHash = content.coverHash;
    story.coverWidth = content.coverWidth;
    story.coverHeight = content.coverHeight;
    story.coverAlt = content.coverAlt;
    await em.save(story);
    await em.query('DELETE FROM story_product WHERE story_id = $1', [story.id]);
    if (content.productIds.length > 0) {
      await em.query('INSERT INTO story_product (story_id, product_id) SELECT $1, unnest($2::uuid[])', [story.id, content.productIds]);
    }
  }
}

/** A story's live columns as content. */
export function contentOf(story: Story, productIds: string[]): StoryContent {
  return {
    title: story.title,
    excerpt: story.excerpt,
    markdown: story.markdown,
    html: story.html,
    readingMinutes: story.readingMinutes,
    tags: story.tags,
    program: story.program,
    featuresIndividual: story.featuresIndividual,
    consentId: story.consentId,
    productIds,
    coverHash: story.coverHash,
    coverWidth: story.coverWidth,
    coverHeight: story.coverHeight,
    coverAlt: story.coverAlt,
  };
}
