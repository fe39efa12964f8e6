import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { MakerConsent } from '../catalog/maker-consent.entity.js';
import { Product } from '../catalog/product.entity.js';
import { ValidationError } from '../common/errors/domain-error.js';
import type { Facility } from '../facilities/facility.entity.js';
import { MediaService } from '../media/media.service.js';
import type { PreviewStoryDto } from './dto/preview-story.dto.js';
import type { UpdateStoryDto } from './dto/update-story.dto.js';
import type { StoryPreviewView } from './story.views.js';
import { IndividualStoryNotAllowed, StoryConsentRequired } from './story.errors.js';
import type { StoryContent } from './story-revision.js';
import { renderStoryMarkdown } from './story-markdown.js';

/** Content fields an edit may change: everything in a create except the facility. */
export type StoryInput = UpdateStoryDto;

/**
 * Turns what an editor sent into story content: rendered and sanitised HTML, reading time, and
 * the links checked against the story's facility. One place owns these rules, for new stories,
 * edits and revisions alike.
 */
@Injectable()
export class StoryContentService {
  constructor(private readonly media: MediaService) {}

  async build(em: EntityManager, facility: Facility, base: StoryContent, input: StoryInput): Promise<StoryContent> {
    const next: StoryContent = {
      ...base,
      ...(input.title !== undefined && { title: input.title }),
      ...(input.excerpt !== undefined && { excerpt: input.excerpt }),
      ...(input.markdown !== undefined && { markdown: input.markdown }),
      ...(input.tags !== undefined && { tags: input.tags }),
      ...(input.program !== undefined && { program: input.program }),
      ...(input.featuresIndividual !== undefined && { featuresIndividual: input.featuresIndividual }),
      ...(input.consentRecordId !== undefined && { consentId: input.consentRecordId }),
      ...(input.productIds !== undefined && { productIds: input.productIds }),
    };
    if (facility.type === 'LPKA' && (next.featuresIndividual || next.consentId !== null)) throw new IndividualStoryNotAllowed();
    if (input.productIds !== undefined) await this.assertOwnProducts(em, facility, next.productIds);
    if (input.consentRecordId !== undefined && next.consentId !== null) await this.usableConsent(em, facility, next.consentId);
    const rendered = renderStoryMarkdown(next.markdown, this.media.publicBase());
    return { ...next, html: rendered.html, readingMinutes: rendered.readingMinutes };
  }

  /** Renders what the editor holds without saving it: the live preview sees what the public page will. */
  preview(input: PreviewStoryDto): StoryPreviewView {
    const rendered = renderStoryMarkdown(input.markdown, this.media.publicBase());
    return { title: input.title ?? '', excerpt: input.excerpt ?? '', html: rendered.html, readingMinutes: rendered.readingMinutes };
  }

  /**
   * The rule at submission and approval: a story about one maker needs that maker's STORY consent, recorded at
   * the same facility and not withdrawn.
   */
  async assertPublishable(em: EntityManager, facility: Facility, content: StoryContent): Promise<void> {
    if (facility.type === 'LPKA' && (content.featuresIndividual || content.consentId !== null)) throw new IndividualStoryNotAllowed();
    if (!content.featuresIndividual) return;
    if (content.consentId === null) {
      throw new StoryConsentRequired('This story features an individual maker: link their consent record (scope STORY) before it is submitted or approved');
    }
    await this.usableConsent(em, facility, content.consentId);
  }

  private async usableConsent(em: EntityManager, facility: Facility, consentId: string): Promise<MakerConsent> {
    const consent = await em.findOneBy(MakerConsent, { id: consentId, facilityId: facility.id });
    if (!consent) throw new ValidationError('consentRecordId', "is not a consent record of the story's facility");
    if (consent.withdrawnAt !== null) throw new StoryConsentRequired(`Consent record ${consent.id} was withdrawn; the maker may not be featured`);
    if (!consent.scopes.includes('STORY')) throw new StoryConsentRequired(`Consent record ${consent.id} does not cover stories (scope STORY)`);
    return consent;
  }

  private async assertOwnProducts(em: EntityManager, facility: Facility, productIds: string[]): Promise<void> {
    if (productIds.length === 0) return;
    const found = await em.countBy(Product, { id: In(productIds), facilityId: facility.id, deletedAt: IsNull() });
    if (found !== productIds.length) throw new ValidationError('productIds', "must all be products of the story's facility");
  }
}
