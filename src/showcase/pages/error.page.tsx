import { Fragment, h } from '../html/jsx.js';
import { renderPage } from './layout.js';
import type { PageContext } from './page-context.js';

export type ErrorKind = 'notFound' | 'gone' | 'forbidden' | 'badRequest' | 'busy' | 'unavailable';

/** The page a visitor sees instead of problem+json when a showcase page cannot be shown. */
export function errorPage(ctx: PageContext, kind: ErrorKind, retryAfterSeconds?: number): string {
  const { t } = ctx;
  // A wait the server named (Retry-After) is said in words: "reload in a moment" means nothing to a person.
  const retry = retryAfterSeconds !== undefined;
  const [title, text] = {
    notFound: [t.errors.notFoundTitle, t.errors.notFound],
    gone: [t.errors.goneTitle, t.errors.gone],
    forbidden: [t.errors.forbiddenTitle, t.errors.forbidden],
    badRequest: [t.errors.badRequestTitle, t.errors.badRequest],
    busy: [t.errors.busyTitle, retry ? t.errors.busyRetry(retryAfterSeconds) : t.errors.busy],
    unavailable: [t.errors.unavailableTitle, retry ? t.errors.unavailableRetry(retryAfterSeconds) : t.errors.unavailable],
  }[kind];
  return renderPage(
    ctx,
    { title: `${title} · ${t.siteName}`, description: text, kind: 'home', ogType: 'website', crumbs: [], noindex: true, error: true },
    <>
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <a href={ctx.path('home')}>{t.errors.backHome}</a>
      </p>
    </>,
  );
}
