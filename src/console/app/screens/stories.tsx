import { useEffect, useState } from 'preact/hooks';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { api, type Story } from '../lib/api';
import { BASE, navigate } from '../lib/router';
import { badgeOf, contentOf, isSentBack, STORY_TABS, TAB_QUERY, type StoryTab } from '../lib/stories';
import { shortDate } from './orders';
import { Offline } from './offline';

/** Stories in the admin's scope: drafts, waiting for review, sent back with the reviewer's comment, published. */
export function StoriesScreen({ tab, query }: { tab: StoryTab; query: string }) {
  const { t, language } = useI18n();
  const [q, setQ] = useState(query);
  const [stories, setStories] = useState<Story[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const href = (nextTab: StoryTab, text: string): string => {
    const params = new URLSearchParams();
    if (nextTab !== 'semua') params.set('tab', nextTab);
    if (text) params.set('q', text);
    const search = params.toString();
    return `${BASE}/cerita${search ? `?${search}` : ''}`;
  };

  async function load(from: string | null): Promise<void> {
    setFailed(false);
    try {
      const { data } = await api.GET('/api/v1/admin/stories', {
        params: { query: { limit: 24, ...TAB_QUERY[tab], ...(query && { q: query }), ...(from !== null && { cursor: from }) } },
      });
      if (!data) return setFailed(true);
      setStories((before) => (from === null ? data.data : [...(before ?? []), ...data.data]));
      setCursor(data.nextCursor);
    } catch {
      setFailed(true);
    }
  }

  useEffect(() => {
    setQ(query);
    setStories(undefined);
    void load(null);
    // load() reads `tab` and `query`, the only inputs.
  }, [tab, query]);

  return (
    <section>
      <h1>{t('stories.title')}</h1>
      <a class="button primary" href={`${BASE}/cerita/baru`}>
        {t('stories.new')}
      </a>
      <nav class="tabs subtabs" aria-label={t('stories.tabs')}>
        {STORY_TABS.map((each) => (
          <a key={each} href={href(each, query)} aria-current={each === tab ? 'page' : undefined}>
            {t(`stories.tab.${each}` as MessageKey)}
          </a>
        ))}
      </nav>
      <form
        role="search"
        class="search"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(href(tab, q.trim()));
        }}
      >
        <label for="q">{t('stories.search')}</label>
        <div class="row">
          <input id="q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
          <button type="submit">{t('products.searchButton')}</button>
        </div>
      </form>
      {failed && (
        <Offline onRetry={() => void load(null)} />
      )}
      {stories === undefined ? (
        !failed && <p class="loading">{t('app.loading')}</p>
      ) : stories.length === 0 ? (
        <p>{t('stories.empty')}</p>
      ) : (
        <ul class="list">
          {stories.map((story) => {
            const content = contentOf(story);
            return (
              <li key={story.id}>
                <a href={`${BASE}/cerita/${story.id}`}>
                  {content.cover ? <img src={content.cover.thumbUrl} alt="" width={56} height={56} loading="lazy" /> : <span class="noimg" />}
                  <span class="grow">
                    <strong>{content.title || t('stories.untitled')}</strong>
                    <span class="meta">
                      <span class={`badge ${isSentBack(story) ? 'sent-back' : story.status.toLowerCase()}`}>{t(badgeOf(story))}</span> {shortDate(story.updatedAt, language)}
                    </span>
                    {isSentBack(story) && <span class="comment">{t('stories.reviewerNote', { note: story.rejectionReason ?? '' })}</span>}
                    {story.status === 'PUBLISHED' && story.revision && <span class="meta">{t('stories.revision')}</span>}
                  </span>
                </a>
              </li>
            );
          })}
        </ul>
      )}
      {cursor !== null && (
        <button type="button" onClick={() => void load(cursor)}>
          {t('stories.more')}
        </button>
      )}
    </section>
  );
}
