import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { ValidationError } from '../common/errors/domain-error.js';
import { lockContentHashes, MediaUsage } from '../media/media-usage.js';
import { MediaService, type StoredImages } from '../media/media.service.js';
import { StoriesAdminService } from './stories-admin.service.js';
import { StoryLoader } from './story-loader.js';
import type { StoryAdminView } from './story.views.js';

/**
 * A story's cover photo, through the same pipeline as product photos (type sniffed, metadata and
 * GPS stripped, WebP variants). On a published story a new cover is part of its revision and goes
 * through review like any other edit. Replaced covers keep their files until the media sweep finds
 * nothing showing them; product photo deletion and the sweep ask here before removing files.
 */
@Injectable()
export class StoryCoversService implements OnModuleInit {
  private readonly logger = new Logger(StoryCoversService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly loader: StoryLoader,
    private readonly media: MediaService,
    private readonly mediaUsage: MediaUsage,
    private readonly stories: StoriesAdminService,
  ) {}

  onModuleInit(): void {
    // Covers (live and under review) and pictures embedded in the Markdown of either: a story can
    // show one of our images by URL, `.../images/<ab>/<hash>/<variant>.webp`.
    this.mediaUsage.register(async (em, contentHashes) => {
      const rows = await em.query<{ hash: string }[]>(
        `SELECT cover_hash AS hash FROM story WHERE cover_hash = ANY($1::text[])
         UNION
         SELECT revision->>'coverHash' FROM story WHERE revision->>'coverHash' = ANY($1::text[])
         UNION
         SELECT embedded.hash FROM story,
                LATERAL regexp_matches(markdown || ' ' || coalesce(revision->>'markdown', ''), 'images/[0-9a-f]{2}/([0-9a-f]{64})/', 'g') AS m,
                LATERAL (SELECT m[1] AS hash) AS embedded
          WHERE embedded.hash = ANY($1::text[])`,
        [contentHashes],
      );
      return rows.map((row) => row.hash);
    });
  }

  async set(user: AuthUser, id: string, files: Buffer[], alt: string | undefined): Promise<StoryAdminView> {
    if (files.length !== 1) throw new ValidationError('file', 'must be exactly one image');
    // Out of scope answers 404 before any CPU goes into decoding.
    await this.loader.findInScope(this.dataSource.manager, user, id);
    const prepared = await this.media.prepareImages(files);
    const written: { files?: StoredImages } = {};
    try {
      return await this.dataSource.transaction(async (em) => {
        const scoped = await this.loader.findInScope(em, user, id, { lock: true });
        const { story } = scoped;
        await lockContentHashes(em, prepared.map((image) => image.contentHash));
        written.files = await this.media.writeImages(prepared);
        const [image] = written.files.images;
        if (!image) throw new Error('The image pipeline returned no image');
        const cover = { coverHash: image.contentHash, coverWidth: image.width, coverHeight: image.height, coverAlt: alt ?? '' };
        const before = { status: story.status, revision: story.revision?.state ?? null };
        if (story.status === 'PUBLISHED') {
          const base = story.revision ?? (await this.loader.liveContent(em, story));
          story.revision = { ...base, ...cover, state: 'DRAFT' };
          await em.save(story);
        } else {
          await this.loader.applyLive(em, story, { ...(await this.loader.liveContent(em, story)), ...cover });
        }
        await this.stories.recordChange(em, user, scoped, 'story.cover', before);
        return this.stories.view(em, story);
      });
    } catch (error) {
      if (written.files) await written.files.rollback().catch((rollbackError: unknown) => this.logger.error({ err: rollbackError }, 'Could not remove the files of a failed cover upload'));
      throw error;
    }
  }
}
