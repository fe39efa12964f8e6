import type { ComponentChildren, VNode } from 'preact';
import { useI18n } from '../i18n/i18n';
import type { AdminList } from '../lib/admin-list';
import { Offline } from './offline';

interface SearchFormProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  onSearch: () => void;
  /** A select narrowing the list, with its own label; the search button then sits beside it. */
  filter?: { id: string; label: string; control: VNode };
}

/** The search row above a list: a search box (`#q`), optionally one filter, and the button that sends them. */
export function SearchForm({ label, value, onInput, onSearch, filter }: SearchFormProps) {
  const { t } = useI18n();
  const input = <input id="q" type="search" value={value} onInput={(e) => onInput(e.currentTarget.value)} />;
  const button = <button type="submit">{t('products.searchButton')}</button>;
  return (
    <form
      role="search"
      class="search"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch();
      }}
    >
      <label for="q">{label}</label>
      {filter ? (
        <>
          {input}
          <label for={filter.id}>{filter.label}</label>
          <div class="row">
            {filter.control}
            {button}
          </div>
        </>
      ) : (
        <div class="row">
          {input}
          {button}
        </div>
      )}
    </form>
  );
}

interface ListBodyProps<T> {
  list: AdminList<T>;
  /** Said when the list has nothing. */
  empty: string;
  /** The load-more button's words. */
  more: string;
  /** One `<li>` (with its key) per item. */
  children: (item: T) => ComponentChildren;
}

/** Below a list's header: the offline alert, loading, the empty sentence or the items, and "load more". */
export function ListBody<T>({ list, empty, more, children }: ListBodyProps<T>) {
  const { t } = useI18n();
  return (
    <>
      {list.failed && <Offline onRetry={list.retry} />}
      {list.items === undefined ? (
        !list.failed && <p class="loading">{t('app.loading')}</p>
      ) : list.items.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul class="list">{list.items.map(children)}</ul>
      )}
      {list.more && (
        <button type="button" onClick={list.more}>
          {more}
        </button>
      )}
    </>
  );
}
