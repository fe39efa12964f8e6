import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Product } from '../catalog/product.entity.js';
import { slugify } from '../common/text/slug.js';
import type { Facility } from '../facilities/facility.entity.js';
import { lockContentHashes } from '../media/media-usage.js';
import { MediaService } from '../media/media.service.js';
import { renderStoryMarkdown } from '../stories/story-markdown.js';
import { Story } from '../stories/story.entity.js';
import { DEMO_STORIES } from './data/demo-stories.data.js';
import { placeholderPhoto } from './placeholder-photo.js';

const DAY_MS = 86_400_000;

/** A few published stories with generated covers, crediting groups and programmes only. */
@Injectable()
export class DemoStoriesSeeder {
  constructor(private readonly media: MediaService) {}

  async seed(em: EntityManager, facilities: Map<string, Facility>): Promise<number> {
    const now = Date.now();
    for (const data of DEMO_STORIES) {
      const facility = facilities.get(data.facility);
      if (!facility) throw new Error(`Demo story "${data.title}" names unknown facility ${data.facility}`);
      const products = await em.findBy(Product, { facilityId: facility.id, name: In(data.products) });
      if (products.length !== data.products.length) throw new Error(`Demo story "${data.title}" names products its facility does not have`);
      const prepared = await this.media.prepareImages([await placeholderPhoto(data.title, data.coverHue, 1200, 800)]);
      await lockContentHashes(em, prepared.map((image) => image.contentHash)); // as demo-products.seeder.ts
      const [cover] = (await this.media.writeImages(prepared)).images;
      const rendered = renderStoryMarkdown(data.markdown, this.media.publicBase());
      const story = await em.save(
        em.create(Story, {
          slug: slugify(data.title),
          facilityId: facility.id,
          status: 'PUBLISHED',
          title: data.title,
          excerpt: data.excerpt,
          markdown: data.markdown,
          html: rendered.html,
          readingMinutes: rendered.readingMinutes,
          tags: data.tags,
          program: data.program,
          featuresIndividual: false,
          consentId: null,
          coverHash: cover?.contentHash ?? null,
          coverWidth: cover?.width ?? null,
          coverHeight: cover?.height ?? null,
          coverAlt: data.title,
          revision: null,
          rejectionReason: null,
          authorId: null,
          publishedAt: new Date(now - data.daysAgo * DAY_MS),
        }),
      );
      await em.query('INSERT INTO story_product (story_id, product_id) SELECT $1, unnest($2::uuid[])', [story.id, products.map((p) => p.id)]);
    }
    return DEMO_STORIES.length;
  }
}
