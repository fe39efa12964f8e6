import type { StoryCoverView } from '../facilities/story-card.view.js';
import type { MediaService } from '../media/media.service.js';
import type { Story } from './story.entity.js';
import type { StoryContent } from './story-revision.js';
import type { StoryAdminView, StoryContentView } from './story.views.js';

export function coverView(media: MediaService, content: Pick<StoryContent, 'coverHash' | 'coverWidth' | 'coverHeight' | 'coverAlt'>): StoryCoverView | null {
  if (content.coverHash === null) return null;
  return { ...media.urlsFor(content.coverHash), alt: content.coverAlt, width: content.coverWidth ?? 0, height: content.coverHeight ?? 0 };
}

function contentView(media: MediaService, content: StoryContent): StoryContentView {
  return {
    title: content.title,
    excerpt: content.excerpt,
    markdown: content.markdown,
    html: content.html,
    readingMinutes: content.readingMinutes,
    tags: content.tags,
    program: content.program,
    featuresIndividual: content.featuresIndividual,
    consentRecordId: content.consentId,
    productIds: content.productIds,
    cover: coverView(media, content),
  };
}

export function toStoryAdminView(media: MediaService, story: Story, live: StoryContent): StoryAdminView {
  return {
    id: story.id,
    slug: story.slug,
    status: story.status,
    facilityId: story.facilityId,
    ...contentView(media, live),
    rejectionReason: story.rejectionReason,
    revision: story.revision ? { ...contentView(media, story.revision), state: story.revision.state } : null,
    authorId: story.authorId,
    publishedAt: story.publishedAt?.toISOString() ?? null,
    createdAt: story.createdAt.toISOString(),
    updatedAt: story.updatedAt.toISOString(),
    version: story.version,
  };
}
