import { StoryTransitionRefused } from './story.errors.js';
import type { StoryStatus } from './story.types.js';

/**
 * The editorial workflow as data: a facility drafts and submits, Humas (regional or national)
 * approves or sends it back with a reason; unpublishing archives; an archived story can be
 * resubmitted. Edits to a published story run through a revision, not through these states.
 */
export const STORY_TRANSITIONS: Record<StoryStatus, readonly StoryStatus[]> = {
  DRAFT: ['IN_REVIEW'],
  IN_REVIEW: ['DRAFT', 'PUBLISHED'],
  PUBLISHED: ['ARCHIVED'],
  ARCHIVED: ['IN_REVIEW'],
};

export function canStoryTransition(from: StoryStatus, to: StoryStatus): boolean {
  return STORY_TRANSITIONS[from].includes(to);
}

export function assertStoryTransition(from: StoryStatus, to: StoryStatus): void {
  if (!canStoryTransition(from, to)) throw new StoryTransitionRefused(from, to);
}
