import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { api, type FacilitySummary, type Story } from '../lib/api';
import { BASE } from '../lib/router';
import { contentOf } from '../lib/stories';
import { shortDate } from './orders';
import { Offline } from './offline';

/** The names of the facilities in this reviewer's scope (one page: a Kanwil has a few dozen). */
export function useFacilityNames(): Map<string, string> {
  const [names, setNames] = useState(new Map<string, string>());
  useEffect(() => {
    void api.GET('/api/v1/admin/facilities', { params: { query: { limit: 100 } } }).then(({ data }) => {
      if (data) setNames(new Map(data.data.map((facility: FacilitySummary) => [facility.id, facility.name])));
    });
  }, []);
  return names;
}

/** Humas' queue: stories (and edits of published ones) in the reviewer's Kanwil, or the nation, waiting for a decision. */
export function ReviewsScreen() {
  const { t, language } = useI18n();
  const [stories, setStories] = useState<Story[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const names = useFacilityNames();

  async function load(from: string | null): Promise<void> {
    setFailed(false);
    try {
      const { data } = await api.GET('/api/v1/admin/stories', { params: { query: { limit: 24, awaitingReview: 'true', ...(from !== null && { cursor: from }) } } });
      if (!data) return setFailed(true);
      setStories((before) => (from === null ? data.data : [...(before ?? []), ...data.data]));
      setCursor(data.nextCursor);
    } catch {
      setFailed(true);
    }
  }

  useEffect(() => {
    void load(null);
  }, []);

  return (
    <section>
      <h1>{t('reviews.title')}</h1>
      {failed && (
        <Offline onRetry={() => void load(null)} />
      )}
      {stories === undefined ? (
        !failed && <p class="loading">{t('app.loading')}</p>
      ) : stories.length === 0 ? (
        <p>{t('reviews.empty')}</p>
      ) : (
        <ul class="list">
          {stories.map((story) => {
            const content = story.status === 'PUBLISHED' && story.revision ? story.revision : contentOf(story);
            return (
              <li key={story.id}>
                <a href={`${BASE}/tinjauan/${story.id}`}>
                  {content.cover ? <img src={content.cover.thumbUrl} alt="" width={56} height={56} loading="lazy" /> : <span class="noimg" />}
                  <span class="grow">
                    <strong>{content.title}</strong>
                    <span class="meta">
                      {names.get(story.facilityId) ?? ''} · {shortDate(story.updatedAt, language)}
                    </span>
                    {story.status === 'PUBLISHED' && <span class="meta">{t('reviews.revision')}</span>}
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
