import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/i18n';

interface StoryArticleProps {
  title: string;
  /** Its name, when the screen knows it: the public page's line reads "Dari <unit> · n menit membaca". */
  facility?: string | undefined;
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
 * The summary is not on the page (it goes to lists and link previews), so it is not drawn here.
 * The title is an h2 here: the screen's own h1 says what the screen is.
 */
export function StoryArticle({ title, facility, html, readingMinutes, maker, cover, children }: StoryArticleProps) {
  const { t } = useI18n();
  return (
    <div class="public-look">
      <article class="story">
        <h2 class="story-title">{title}</h2>
        <p class="story-meta">
          {facility && `${t('story.from')} ${facility} · `}
          {t('story.readingMinutes', { minutes: readingMinutes })}
        </p>
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
