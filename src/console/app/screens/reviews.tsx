import { RefusalScreen } from './refusal';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { useAdminList } from '../lib/admin-list';
import { api, type FacilitySummary, type Story } from '../lib/api';
import { BASE } from '../lib/router';
import { contentOf } from '../lib/stories';
import { ListBody } from './admin-list';
import { shortDate } from './orders';

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
  const list = useAdminList<Story>({}, (after) => api.GET('/api/v1/admin/stories', { params: { query: { limit: 24, awaitingReview: 'true', ...after } } }));
  const names = useFacilityNames();

  if (list.refused) return <RefusalScreen />;
  return (
    <section>
      <h1>{t('reviews.title')}</h1>
      <ListBody list={list} empty={t('reviews.empty')} more={t('stories.more')}>
        {(story) => {
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
        }}
      </ListBody>
    </section>
  );
}
