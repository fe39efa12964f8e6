import { type Language, LANGUAGES, type PageKind, webPath, webUrl } from '../../common/web/web-paths.js';
import type { Messages } from '../i18n/messages.js';
import { MESSAGES } from '../i18n/messages.js';

/** What every page needs to know about the request it answers. */
export class PageContext {
  readonly t: Messages;

  constructor(
    readonly language: Language,
    /** The CSP nonce of this response: the page's inline style and scripts carry it. */
    readonly nonce: string,
    /** WEB_BASE_URL: canonical and alternate links are absolute. */
    readonly baseUrl: string,
  ) {
    this.t = MESSAGES[language];
  }

  path(kind: PageKind, slug?: string): string {
    return webPath(this.language, kind, slug);
  }

  absolute(path: string): string {
    return webUrl(this.baseUrl, path);
  }

  /** This page in every language, for hreflang links and the language switch. */
  versions(kind: PageKind, slug?: string, query = ''): { language: Language; url: string }[] {
    return LANGUAGES.map((language) => ({ language, url: webUrl(this.baseUrl, webPath(language, kind, slug)) + query }));
  }
}
