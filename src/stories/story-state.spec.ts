import { assertStoryTransition, canStoryTransition, STORY_TRANSITIONS } from './story-state';
import { STORY_STATUSES, type StoryStatus } from './story.types';

const ALLOWED: ReadonlySet<string> = new Set([
  'DRAFT->IN_REVIEW', // submit
  'IN_REVIEW->DRAFT', // sent back with a reason
  'IN_REVIEW->PUBLISHED', // approved
  'PUBLISHED->ARCHIVED', // unpublished
  'ARCHIVED->IN_REVIEW', // resubmitted
]);

const pairs: [StoryStatus, StoryStatus][] = STORY_STATUSES.flatMap((from) => STORY_STATUSES.map((to): [StoryStatus, StoryStatus] => [from, to]));

describe('story workflow', () => {
  it.each(pairs)('%s -> %s', (from, to) => {
    const allowed = ALLOWED.has(`${from}->${to}`);
    expect(canStoryTransition(from, to)).toBe(allowed);
    if (allowed) expect(() => assertStoryTransition(from, to)).not.toThrow();
    else expect(() => assertStoryTransition(from, to)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });

  it('has no way to publish without review', () => {
    const intoPublished = STORY_STATUSES.filter((from) => STORY_TRANSITIONS[from].includes('PUBLISHED'));
    expect(intoPublished).toEqual(['IN_REVIEW']);
  });
});
