import type { ProductView, Program } from '../../catalog/catalog.types.js';
import type { StoryCardView } from '../../facilities/story-card.view.js';
import { Fragment, h } from '../html/jsx.js';
import { programmeSlug } from '../programmes.js';
import { renderPage } from './layout.js';
import type { PageContext } from './page-context.js';
import { ProductGrid, StoryList } from './parts.js';

export interface ProgrammePageData {
  program: Program;
  products: ProductView[];
  stories: StoryCardView[];
}

export function programmePage(ctx: PageContext, { program, products, stories }: ProgrammePageData): string {
  const { t } = ctx;
  const slug = programmeSlug(program);
  const { name, summary } = t.programmes[program];
  const image = products.flatMap((product) => product.images)[0];
  return renderPage(
    ctx,
    {
      title: `${name} · ${t.siteName}`,
      description: summary,
      kind: 'programme',
      slug,
      ogType: 'website',
      image: image && { url: image.largeUrl, width: image.width, height: image.height, alt: image.alt },
      crumbs: [{ name, url: ctx.absolute(ctx.path('programme', slug)) }],
    },
    <>
      <h1>{name}</h1>
      <p>{summary}</p>
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
