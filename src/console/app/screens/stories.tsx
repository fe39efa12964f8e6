import { RefusalScreen } from './refusal';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { useAdminList, useSearchForm } from '../lib/admin-list';
import { api, type Story } from '../lib/api';
import { BASE, navigate, withQuery } from '../lib/router';
import { badgeOf, contentOf, isSentBack, STORY_TABS, TAB_QUERY, type StoryTab } from '../lib/stories';
import { ListBody, SearchForm } from './admin-list';
import { shortDate } from './orders';

/** Stories in the admin's scope: drafts, waiting for review, sent back with the reviewer's comment, published. */
export function StoriesScreen({ tab, query }: { tab: StoryTab; query: string }) {
  const { t, language } = useI18n();
  const list = useAdminList<Story>({ tab, query }, (after) =>
    api.GET('/api/v1/admin/stories', {
      params: { query: { limit: 24, ...TAB_QUERY[tab], ...(query && { q: query }), ...after } },
    }),
  );
  const [search, setSearch] = useSearchForm({ tab, query });
  const href = (nextTab: StoryTab, text: string): string => withQuery(`${BASE}/cerita`, { tab: nextTab === 'semua' ? '' : nextTab, q: text });

  if (list.refused) return <RefusalScreen />;
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
      <SearchForm label={t('stories.search')} value={search.query} onInput={(value) => setSearch({ query: value })} onSearch={() => navigate(href(tab, search.query.trim()))} />
      <ListBody list={list} empty={t('stories.empty')} more={t('stories.more')}>
        {(story) => {
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
        }}
      </ListBody>
    </section>
  );
}
