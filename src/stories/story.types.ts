export const STORY_STATUSES = ['DRAFT', 'IN_REVIEW', 'PUBLISHED', 'ARCHIVED'] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];

/** A change to a published story waits here, through its own review, while the live version stays up. */
export const REVISION_STATES = ['DRAFT', 'IN_REVIEW'] as const;
export type RevisionState = (typeof REVISION_STATES)[number];

/** The public shape others may render (the showcase): a type only, the view stays this feature's. */
export type { StoryView } from './story.views.js';
