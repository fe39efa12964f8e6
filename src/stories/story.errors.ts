import { DomainError, NotFoundError } from '../common/errors/domain-error.js';

export class StoryNotFound extends NotFoundError {
  constructor() {
    super('Story');
  }
}

export class StoryTransitionRefused extends DomainError {
  constructor(from: string, to: string) {
    super('INVALID_STATE', `A story cannot go from ${from} to ${to}`);
  }
}

/** Approval of a story about one maker without a usable STORY consent (DOMAIN.md). */
export class StoryConsentRequired extends DomainError {
  constructor(detail: string) {
    super('CONSENT_REQUIRED', detail);
  }
}

/** LPKA (juvenile facilities): no story may feature an individual child (UU SPPA art. 19). */
export class IndividualStoryNotAllowed extends DomainError {
  constructor() {
    super('INDIVIDUAL_CREDIT_NOT_ALLOWED', 'Stories at an LPKA (juvenile facility) cannot feature an individual; tell the story of the group or programme');
  }
}
