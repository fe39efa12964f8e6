import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/i18n';

interface StoryArticleProps {
  title: string;
  excerpt: string;
  /** Sanitised by the server (stories/story-markdown.ts, the public page's renderer): safe to insert as is. */
  html: string;
  readingMinutes: number;
  maker?: string | undefined;
  cover?: { url: string; alt: string; width: number; height: number } | null | undefined;
  children?: ComponentChildren;
}

/**
 * A story drawn as the public page draws it (showcase/pages/story.page.tsx, its colours and
 * measure: `.public-look` in styles.css), for the editor's preview and the reviewer's reading.
 * The title is an h2 here: the screen's own h1 says what the screen is.
 */
export function StoryArticle({ title, excerpt, html, readingMinutes, maker, cover, children }: StoryArticleProps) {
  const { t } = useI18n();
  return (
    <div class="public-look">
      <article class="story">
        <h2 class="story-title">{title}</h2>
        <p class="story-meta">{t('story.readingMinutes', { minutes: readingMinutes })}</p>
        {excerpt && <p class="story-excerpt">{excerpt}</p>}
        {maker && (
          <p>
            {t('review.featuring')} {maker}
          </p>
        )}
        {cover && <img src={cover.url} alt={cover.alt} width={cover.width} height={cover.height} />}
        <div class="story-body" dangerouslySetInnerHTML={{ __html: html }} />
        {children}
      </article>
    </div>
  );
}
