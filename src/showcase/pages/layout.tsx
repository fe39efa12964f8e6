import { LANGUAGES, type PageKind } from '../../common/web/web-paths.js';
import { type Child, documentHtml, Fragment, h, jsonLd, raw } from '../html/jsx.js';
import { breadcrumbList, type Crumb, type JsonLd } from '../seo/structured-data.js';
import type { PageContext } from './page-context.js';
import { Breadcrumbs, clip } from './parts.js';
import { STYLES } from './styles.js';

const OG_LOCALES = { id: 'id_ID', en: 'en_US' } as const;

export interface ShareImage {
  url: string;
  width: number;
  height: number;
  alt: string;
}

export interface PageMeta {
  title: string;
  description: string;
  kind: PageKind;
  slug?: string;
  /** Kept on the language versions (search: `?q=...`). */
  query?: string;
  ogType: 'website' | 'product' | 'article' | 'profile';
  image?: ShareImage;
  /** After home: the trail to this page, the page itself last. */
  crumbs: readonly Crumb[];
  jsonLd?: readonly JsonLd[];
  /** Search results are for people, not for the index. */
  noindex?: boolean;
  /** An error page: it stands for no address, so no canonical or language versions. */
  error?: boolean;
  /** Cart, checkout and order pages: one shopper's, never indexed or followed, no canonical. */
  private?: boolean;
  /** The search page has its own search form; the header's would repeat it. */
  withoutHeaderSearch?: boolean;
  /** The main image, fetched before the stylesheet is parsed. */
  preload?: { href: string; srcset: string; sizes: string };
}

/** The document around every page: head (canonical, hreflang, previews, JSON-LD), header, footer. */
export function renderPage(ctx: PageContext, meta: PageMeta, body: Child): string {
  const { t } = ctx;
  const versions = ctx.versions(meta.kind, meta.slug, meta.query ?? '');
  const canonical = versions.find((version) => version.language === ctx.language)?.url ?? '';
  const other = versions.find((version) => version.language !== ctx.language);
  const home: Crumb = { name: t.breadcrumbHome, url: ctx.absolute(ctx.path('home')) };
  const crumbs = meta.kind === 'home' ? [home] : [home, ...meta.crumbs];
  const description = clip(meta.description, 200);
  return documentHtml(
    <html lang={ctx.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{meta.title}</title>
        <meta name="description" content={description} />
        {meta.private ? <meta name="robots" content="noindex, nofollow" /> : meta.noindex ? <meta name="robots" content="noindex, follow" /> : null}
        {meta.error || meta.private ? null : (
          <>
            <link rel="canonical" href={canonical} />
            {versions.map((version) => (
              <link rel="alternate" hreflang={version.language} href={version.url} />
            ))}
            <link rel="alternate" hreflang="x-default" href={versions[0]?.url} />
          </>
        )}
        {meta.preload ? <link rel="preload" as="image" href={meta.preload.href} imagesrcset={meta.preload.srcset} imagesizes={meta.preload.sizes} fetchpriority="high" /> : null}
        <meta name="theme-color" content="#5c2e00" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <meta property="og:site_name" content={t.siteName} />
        <meta property="og:title" content={meta.title} />
        <meta property="og:description" content={description} />
        <meta property="og:url" content={canonical} />
        <meta property="og:type" content={meta.ogType} />
        <meta property="og:locale" content={OG_LOCALES[ctx.language]} />
        {LANGUAGES.filter((language) => language !== ctx.language).map((language) => (
          <meta property="og:locale:alternate" content={OG_LOCALES[language]} />
        ))}
        {meta.image ? (
          <>
            <meta property="og:image" content={meta.image.url} />
            <meta property="og:image:type" content="image/jpeg" />
            <meta property="og:image:width" content={meta.image.width} />
            <meta property="og:image:height" content={meta.image.height} />
            <meta property="og:image:alt" content={meta.image.alt} />
          </>
        ) : null}
        <meta name="twitter:card" content="summary_large_image" />
        <meta name="twitter:title" content={meta.title} />
        <meta name="twitter:description" content={description} />
        {meta.image ? (
          <>
            <meta name="twitter:image" content={meta.image.url} />
            <meta name="twitter:image:alt" content={meta.image.alt} />
          </>
        ) : null}
        <style nonce={ctx.nonce}>{raw(STYLES)}</style>
        {[...(meta.jsonLd ?? []), breadcrumbList(crumbs)].map((data) => jsonLd(data))}
      </head>
      <body>
        <a class="skip" href="#main">
          {t.skipToContent}
        </a>
        <header class="site">
          <div class="wrap">
            <a class="brand" href={ctx.path('home')}>
              {t.siteName}
            </a>
            {other ? (
              <a class="lang" href={other.url} hreflang={other.language} lang={other.language} aria-label={t.languageSwitchLabel}>
                {t.languageSwitch}
              </a>
            ) : null}
            {meta.withoutHeaderSearch ? null : (
              <form class="search" role="search" action={ctx.path('search')} method="get">
                <label for="site-q" class="sr">
                  {t.searchLabel}
                </label>
                <input id="site-q" type="search" name="q" placeholder={t.searchPlaceholder} maxlength={100} />
                <button type="submit">{t.searchButton}</button>
              </form>
            )}
          </div>
        </header>
        <main id="main" class="wrap" tabindex="-1">
          {meta.kind === 'home' ? null : <Breadcrumbs ctx={ctx} crumbs={crumbs} />}
          {body}
        </main>
        <footer class="site">
          <div class="wrap">
            <p>{t.footer.about}</p>
          </div>
        </footer>
      </body>
    </html>,
  );
}
