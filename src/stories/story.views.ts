import { ApiProperty } from '@nestjs/swagger';
import { PROGRAMS, type Program } from '../catalog/catalog.types.js';
import { StoryCardView, StoryCoverView } from '../facilities/story-card.view.js';
import { REVISION_STATES, STORY_STATUSES, type RevisionState, type StoryStatus } from './story.types.js';

export class StoryProductView {
  @ApiProperty({ example: 'roti-sobek-cokelat' }) slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Integer rupiah' }) price!: number;
  @ApiProperty({ type: String, nullable: true, description: '200 px WebP of its first photo' }) thumbUrl!: string | null;
}

export class StoryMakerView {
  @ApiProperty({ example: 'A.R.', description: 'Initials or a chosen pseudonym, as recorded with consent' }) displayName!: string;
  @ApiProperty({ enum: ['INITIALS', 'PSEUDONYM'] }) nameKind!: 'INITIALS' | 'PSEUDONYM';
}

/** One published story: sanitised HTML to show and the Markdown it came from. */
export class StoryView extends StoryCardView {
  @ApiProperty({ description: 'Sanitised HTML rendered from markdown; safe to insert as is' }) html!: string;
  @ApiProperty({ description: 'The author\'s Markdown source' }) markdown!: string;
  @ApiProperty({ type: [StoryProductView], description: 'Products on sale the story is about' }) products!: StoryProductView[];
  @ApiProperty({ type: StoryMakerView, nullable: true, description: 'The maker featured, when the story is about one (with consent)' })
  maker!: StoryMakerView | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class StoryContentView {
  @ApiProperty() title!: string;
  @ApiProperty() excerpt!: string;
  @ApiProperty() markdown!: string;
  @ApiProperty() html!: string;
  @ApiProperty() readingMinutes!: number;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ enum: PROGRAMS, nullable: true }) program!: Program | null;
  @ApiProperty() featuresIndividual!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) consentRecordId!: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) productIds!: string[];
  @ApiProperty({ type: StoryCoverView, nullable: true }) cover!: StoryCoverView | null;
}

export class StoryRevisionView extends StoryContentView {
  @ApiProperty({ enum: REVISION_STATES, description: 'DRAFT while being edited, IN_REVIEW once submitted' }) state!: RevisionState;
}

/** A story as its editors see it: the live content, workflow state and any pending revision. */
export class StoryAdminView extends StoryContentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty({ enum: STORY_STATUSES }) status!: StoryStatus;
  @ApiProperty({ format: 'uuid' }) facilityId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why review sent it back' }) rejectionReason!: string | null;
  @ApiProperty({ type: StoryRevisionView, nullable: true, description: 'A pending edit of the published story' }) revision!: StoryRevisionView | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) authorId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
}

/** An unsaved story as the public page will show it (the same renderer and sanitiser as on save). */
export class StoryPreviewView {
  @ApiProperty() title!: string;
  @ApiProperty() excerpt!: string;
  @ApiProperty({ description: 'Sanitised HTML of the body, exactly as the public story page will insert it' }) html!: string;
  @ApiProperty() readingMinutes!: number;
}
