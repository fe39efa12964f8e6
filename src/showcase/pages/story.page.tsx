import type { StoryView } from '../../stories/story.types.js';
import { formatDate, formatRupiah, timeZoneOfProvince } from '../i18n/format.js';
import { h, raw } from '../html/jsx.js';
import { articleLd } from '../seo/structured-data.js';
import { ShareButtons } from '../share/share-buttons.js';
import { storyShareImage } from '../share/share-cards.js';
import { renderPage } from './layout.js';
import type { PageContext } from './page-context.js';
import { Picture } from './parts.js';

export function storyPage(ctx: PageContext, story: StoryView): string {
  const { t, language } = ctx;
  const pageUrl = ctx.absolute(ctx.path('story', story.slug));
  const facilityUrl = ctx.absolute(ctx.path('facility', story.facility.slug));
  const cover = story.cover;
  const siteUrl = ctx.absolute(ctx.path('home'));
  const shareImage = storyShareImage(ctx, story);
  return renderPage(
    ctx,
    {
      title: `${story.title} · ${t.siteName}`,
      description: story.excerpt,
      kind: 'story',
      slug: story.slug,
      ogType: 'article',
      image: shareImage,
      crumbs: [
        { name: story.facility.name, url: facilityUrl },
        { name: story.title, url: pageUrl },
      ],
      jsonLd: [articleLd(story, pageUrl, facilityUrl, t.siteName, siteUrl, shareImage.url)],
    },
    <article class="story">
      <h1>{story.title}</h1>
      <p class="meta">
        {t.story.by} <a href={ctx.path('facility', story.facility.slug)}>{story.facility.name}</a> · {t.story.publishedOn}{' '}
        <time datetime={story.publishedAt}>{formatDate(language, story.publishedAt, timeZoneOfProvince(story.facility.provinceCode))}</time> · {t.story.readingMinutes(story.readingMinutes)}
      </p>
      {story.maker ? (
        <p>
          {t.story.featuring} {story.maker.displayName}
        </p>
      ) : null}
      {cover ? <Picture image={cover} sizes="(min-width: 44rem) 42rem, 100vw" main /> : null}
      {/* Sanitised when the story was saved (stories/story-markdown.ts): safe to write as is. */}
      {raw(story.html)}
      <ShareButtons ctx={ctx} url={pageUrl} title={story.title} text={t.share.pageText(story.title)} />
      {story.products.length > 0 ? (
        <section aria-labelledby="products">
          <h2 id="products">{t.story.productsHeading}</h2>
          <ul>
            {story.products.map((product) => (
              <li>
                <a href={ctx.path('product', product.slug)}>{product.name}</a> · {formatRupiah(language, product.price)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>,
  );
}
