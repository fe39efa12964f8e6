import type { ProductView, Program } from '../../catalog/catalog.types.js';
import type { StoryCardView } from '../../facilities/story-card.view.js';
import { Fragment, h } from '../html/jsx.js';
import { programmeSlug } from '../programmes.js';
import { ShareButtons } from '../share/share-buttons.js';
import { programmeShareImage } from '../share/share-cards.js';
import { renderPage } from './layout.js';
import type { PageContext } from './page-context.js';
import { ProductGrid, StoryList } from './parts.js';

export interface ProgrammePageData {
  program: Program;
  products: ProductView[];
  stories: StoryCardView[];
}

export function programmePage(ctx: PageContext, data: ProgrammePageData): string {
  const { program, products, stories } = data;
  const { t } = ctx;
  const slug = programmeSlug(program);
  const { name, summary } = t.programmes[program];
  const pageUrl = ctx.absolute(ctx.path('programme', slug));
  return renderPage(
    ctx,
    {
      title: `${name} · ${t.siteName}`,
      description: summary,
      kind: 'programme',
      slug,
      ogType: 'website',
      image: programmeShareImage(ctx, data, slug),
      crumbs: [{ name, url: pageUrl }],
    },
    <>
      <h1>{name}</h1>
      <p>{summary}</p>
      <ShareButtons ctx={ctx} url={pageUrl} title={name} text={t.share.pageText(name)} />
      <h2>{t.programme.productsHeading}</h2>
      {products.length > 0 ? <ProductGrid ctx={ctx} products={products} /> : <p>{t.programme.noProducts}</p>}
      <a class="next" href={`${ctx.path('search')}?program=${program}`}>
        {t.home.seeAllProducts}
      </a>
      {stories.length > 0 ? (
        <section aria-labelledby="stories">
          <h2 id="stories">{t.programme.storiesHeading}</h2>
          <StoryList ctx={ctx} stories={stories} />
        </section>
      ) : null}
    </>,
  );
}
