import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { api, type StoryPreview } from '../lib/api';
import { StoryArticle } from './story-article';

/** Long enough that typing a word sends one request, short enough to feel live. */
const DEBOUNCE_MS = 600;

interface PreviewProps {
  title: string;
  excerpt: string;
  markdown: string;
  maker?: string | undefined;
  cover?: { url: string; alt: string; width: number; height: number } | null | undefined;
}

/**
 * The live preview: the server renders what is typed with the public page's own renderer and
 * sanitiser (POST /admin/stories/preview), so the console carries no Markdown library and the
 * preview cannot differ from the page. Only the newest answer is shown.
 */
export function StoryPreviewPane({ title, excerpt, markdown, maker, cover }: PreviewProps) {
  const { t } = useI18n();
  const [preview, setPreview] = useState<StoryPreview | undefined>();
  const [state, setState] = useState<'idle' | 'updating' | 'failed'>('idle');
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    if (markdown.trim() === '' && title.trim() === '') {
      setPreview(undefined);
      setState('idle');
      return;
    }
    setState('updating');
    const timer = setTimeout(() => {
      void api
        .POST('/api/v1/admin/stories/preview', { body: { title, excerpt, markdown } })
        .then(({ data }) => {
          if (ticket !== latest.current) return;
          if (data) setPreview(data);
          setState(data ? 'idle' : 'failed');
        })
        .catch(() => ticket === latest.current && setState('failed'));
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [title, excerpt, markdown]);

  return (
    <section class="preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">{t('story.preview')}</h2>
      <p class="hint" role="status">
        {state === 'updating' ? t('story.previewUpdating') : state === 'failed' ? t('story.previewFailed') : ''}
      </p>
      {preview ? (
        <StoryArticle title={preview.title} html={preview.html} readingMinutes={preview.readingMinutes} maker={maker} cover={cover} />
      ) : (
        <p class="hint">{t('story.previewEmpty')}</p>
      )}
    </section>
  );
}
