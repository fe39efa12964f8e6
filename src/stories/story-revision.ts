import type { Program } from '../catalog/catalog.types.js';
import type { RevisionState } from './story.types.js';

/** The editable part of a story: what a revision carries and approval copies onto the live columns. */
export interface StoryContent {
  title: string;
  excerpt: string;
  markdown: string;
  html: string;
  readingMinutes: number;
  tags: string[];
  program: Program | null;
  featuresIndividual: boolean;
  consentId: string | null;
  productIds: string[];
  coverHash: string | null;
  coverWidth: number | null;
  coverHeight: number | null;
  coverAlt: string;
}

export interface StoryRevision extends StoryContent {
  state: RevisionState;
}
