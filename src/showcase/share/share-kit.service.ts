import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../auth/auth-user.js';
import { ProductsAdminService } from '../../catalog/products-admin.service.js';
import { NotFoundError, ValidationError } from '../../common/errors/domain-error.js';
import type { ShareableKind } from '../../common/web/web-paths.js';
import { ShareLinksService } from '../../humas/links/share-links.service.js';
import { StoriesAdminService } from '../../stories/stories-admin.service.js';
import { StoriesService } from '../../stories/stories.service.js';
import { ShowcasePagesService } from '../showcase-pages.service.js';
import { type CaptionSubject, captionHashtags, shareCaption } from './share-caption.js';
import type { PageShareImage } from './share-cards.js';
import type { ShareKitQueryDto } from './share-kit-query.dto.js';
import { NotPublishedForSharing } from './share-kit.errors.js';
import type { ShareKitImageView, ShareKitView } from './share-kit.view.js';

/**
 * The share kit of a product or story in the admin's scope (404 outside it, like every admin
 * route): the showcase's own share pictures of its public page, and a caption linking to it.
 */
@Injectable()
export class ShareKitService {
  constructor(
    private readonly products: ProductsAdminService,
    private readonly stories: StoriesAdminService,
    private readonly publicStories: StoriesService,
    private readonly pages: ShowcasePagesService,
    private readonly links: ShareLinksService,
  ) {}

  async product(user: AuthUser, id: string, query: ShareKitQueryDto = {}): Promise<ShareKitView> {
    const product = await this.products.get(user, id);
    if (product.status !== 'PUBLISHED' || product.deletedAt !== null) throw new NotPublishedForSharing('product');
    const image = await this.publicImage('product', product.slug);
    const trackedLink = await this.trackedLink(user, query, 'PRODUCT', product.id);
    const subject: CaptionSubject = { kind: 'product', name: product.name, price: product.price, facilityName: product.facility.name, program: product.program, url: trackedLink ?? product.webUrl };
    return this.kit('product', product.id, product.name, product.slug, product.webUrl, subject, image, trackedLink);
  }

  async story(user: AuthUser, id: string, query: ShareKitQueryDto = {}): Promise<ShareKitView> {
    const story = await this.stories.get(user, id);
    if (story.status !== 'PUBLISHED') throw new NotPublishedForSharing('story');
    const published = await this.publicStories.get(story.slug);
    const image = await this.publicImage('story', story.slug);
    const trackedLink = await this.trackedLink(user, query, 'STORY', story.id);
    const subject: CaptionSubject = { kind: 'story', title: published.title, excerpt: published.excerpt, facilityName: published.facility.name, url: trackedLink ?? published.webUrl };
    return this.kit('story', story.id, published.title, story.slug, published.webUrl, subject, image, trackedLink);
  }

  /** The campaign's short link for this channel and page (reused, or made once); none without a campaign. */
  private async trackedLink(user: AuthUser, query: ShareKitQueryDto, targetKind: 'PRODUCT' | 'STORY', targetId: string): Promise<string | undefined> {
    const { campaignId, channel } = query;
    if (campaignId === undefined && channel === undefined) return undefined;
    if (campaignId === undefined) throw new ValidationError('campaignId', 'is required with channel');
    if (channel === undefined) throw new ValidationError('channel', 'is required with campaignId');
    return (await this.links.forTarget(user, campaignId, channel, targetKind, targetId)).shortUrl;
  }

  /** A published product can still lack a public page (a food permit lapsed): then it has no kit either. */
  private async publicImage(kind: ShareableKind, slug: string): Promise<PageShareImage> {
    try {
      return await this.pages.shareImage('id', kind, slug);
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotPublishedForSharing(kind === 'story' ? 'story' : 'product');
      throw error;
    }
  }

  private kit(kind: 'product' | 'story', id: string, title: string, slug: string, webUrl: string, subject: CaptionSubject, image: PageShareImage, trackedLink?: string): ShareKitView {
    const file = (width: number, height: number): string => `${slug}-${width}x${height}.jpg`;
    const images: ShareKitImageView[] = [
      { format: 'landscape', url: image.url, width: image.width, height: image.height, fileName: file(image.width, image.height) },
      ...(['square', 'story'] as const).map((format) => {
        const { url, width, height } = image.stacked(format);
        return { format, url, width, height, fileName: file(width, height) };
      }),
    ];
    const kit: ShareKitView = { kind, id, title, webUrl, caption: shareCaption(subject), hashtags: captionHashtags(subject), alt: image.alt, images };
    return trackedLink === undefined ? kit : { ...kit, trackedLink };
  }
}
