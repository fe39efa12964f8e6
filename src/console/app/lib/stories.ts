import type { MessageKey, Translate } from '../i18n/i18n';
import type { Me, Problem, Story } from './api';
import { readProblem, type ReadProblem } from './problems';

/** The list's tabs (Indonesian slugs in the URL, as /admin/pesanan has), each one filter of GET /admin/stories. */
export const STORY_TABS = ['semua', 'draf', 'tinjau', 'kembali', 'tayang'] as const;
export type StoryTab = (typeof STORY_TABS)[number];

export function storyTab(value: string | null): StoryTab {
  return STORY_TABS.find((tab) => tab === value) ?? 'semua';
}

type ListQuery = { status?: 'DRAFT' | 'PUBLISHED'; awaitingReview?: 'true'; sentBack?: 'true' };
export const TAB_QUERY: Record<StoryTab, ListQuery> = {
  semua: {},
  draf: { status: 'DRAFT' },
  tinjau: { awaitingReview: 'true' },
  kembali: { sentBack: 'true' },
  tayang: { status: 'PUBLISHED' },
};

/** What the author is working on: a published story's pending revision, else the story itself. */
export function contentOf(story: Story): Story | NonNullable<Story['revision']> {
  return story.status === 'PUBLISHED' && story.revision ? story.revision : story;
}

/** Review returned it with a comment and it has not been submitted again (submitting clears the comment). */
export function isSentBack(story: Story): boolean {
  return story.rejectionReason !== null && (story.status === 'DRAFT' || story.revision?.state === 'DRAFT');
}

/** Waiting for a reviewer: the story itself, or the edit of a published one. */
export function isWaiting(story: Story): boolean {
  return story.status === 'IN_REVIEW' || story.revision?.state === 'IN_REVIEW';
}

/** The badge a list shows: "sent back" is a draft with a reviewer's comment, worth its own word. */
export function badgeOf(story: Story): MessageKey {
  if (isSentBack(story)) return 'storyStatus.SENT_BACK';
  if (isWaiting(story)) return 'storyStatus.IN_REVIEW';
  return `storyStatus.${story.status}`;
}

/** Story problems with a code of their own, said beside the field they concern. */
export function readStoryProblem(problem: Problem, t: Translate): ReadProblem {
  if (problem.code === 'CONSENT_REQUIRED') return { fields: { consentRecordId: t('error.storyConsent') }, message: t('form.errorsSummary') };
  if (problem.code === 'INDIVIDUAL_CREDIT_NOT_ALLOWED') return { fields: { featuresIndividual: t('error.storyLpka') }, message: t('form.errorsSummary') };
  if (problem.code === 'INVALID_STATE') return { fields: {}, message: t('error.storyState') };
  return readProblem(problem, t);
}

/** Who may approve or send back (the API's `story.review`); the menu and the review screens follow it. */
export function canReview(user: Me): boolean {
  return user.role === 'REGIONAL_ADMIN' || user.role === 'SUPERADMIN';
}
