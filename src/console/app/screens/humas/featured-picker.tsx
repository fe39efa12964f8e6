import { useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n';

export interface FeaturedItem {
  id: string;
  name: string;
}

interface FeaturedPickerProps {
  id: string;
  legend: string;
  searchLabel: string;
  chosen: FeaturedItem[];
  onChange: (next: FeaturedItem[]) => void;
  search: (query: string) => Promise<FeaturedItem[]>;
  error?: string;
}

/** Chosen items with a remove button each, and a search whose results each get an add button. */
export function FeaturedPicker({ id, legend, searchLabel, chosen, onChange, search, error }: FeaturedPickerProps) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<FeaturedItem[] | undefined>();
  const [failed, setFailed] = useState(false);

  async function find(): Promise<void> {
    setFailed(false);
    try {
      setResults(await search(query.trim()));
    } catch {
      setFailed(true);
    }
  }

  const chosenIds = new Set(chosen.map((item) => item.id));
  const fresh = (results ?? []).filter((item) => !chosenIds.has(item.id));
  return (
    <fieldset class={error ? 'picker invalid' : 'picker'} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {chosen.length === 0 ? (
        <p class="hint">{t('campaign.noneChosen')}</p>
      ) : (
        <ul class="picks">
          {chosen.map((item) => (
            <li key={item.id}>
              <span class="grow">{item.name}</span>
              <button type="button" aria-label={t('campaign.remove', { name: item.name })} onClick={() => onChange(chosen.filter((other) => other.id !== item.id))}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <label for={`${id}-q`}>{searchLabel}</label>
      <div class="row">
        <input
          id={`${id}-q`}
          type="search"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            // Enter searches here instead of saving the whole form.
            if (e.key === 'Enter') {
              e.preventDefault();
              void find();
            }
          }}
        />
        <button type="button" onClick={() => void find()}>
          {t('campaign.search')}
        </button>
      </div>
      {failed && (
        <p class="alert" role="alert">
          {t('app.offline')}
        </p>
      )}
      {results !== undefined && (
        <ul class="picks" aria-live="polite">
          {results.length === 0 ? (
            <li>{t('campaign.noMatch')}</li>
          ) : (
            fresh.map((item) => (
              <li key={item.id}>
                <span class="grow">{item.name}</span>
                <button type="button" aria-label={t('campaign.add', { name: item.name })} onClick={() => onChange([...chosen, item])}>
                  +
                </button>
              </li>
            ))
          )}
        </ul>
      )}
    </fieldset>
  );
}
