import { DomainError } from '../../common/errors/domain-error.js';

/** Only what has a public page is shared: the pictures and the link are the page's. */
export class NotPublishedForSharing extends DomainError {
  constructor(what: 'product' | 'story') {
    super('INVALID_STATE', `Only a published ${what} with a public page has a share kit: publish it first`);
  }
}
