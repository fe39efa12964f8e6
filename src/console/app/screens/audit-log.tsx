import { useState } from 'preact/hooks';
import { id as catalogue } from '../i18n/id';
import { useI18n, type MessageKey, type Translate } from '../i18n/i18n';
import { useAdminList } from '../lib/admin-list';
import { api, type AuditEvent } from '../lib/api';
import { readProblem } from '../lib/problems';

/** What can be filtered on: the kinds of things the API writes to the log. */
const ENTITY_TYPES = ['product', 'order', 'fulfilment', 'story', 'facility', 'user', 'maker_consent', 'category'] as const;

interface Filters {
  email: string;
  entityType: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { email: '', entityType: '', from: '', to: '' };

/** A WIB calendar day as the instant it starts (the API compares instants). */
function startOfWibDay(date: string): string {
  return `${date}T00:00:00+07:00`;
}

function nextWibDay(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return startOfWibDay(next.toISOString().slice(0, 10));
}

/** Times in WIB, whatever the phone's own zone: the log is read across provinces and compared. */
export function wibTime(iso: string, language: string): string {
  const text = new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Jakarta' }).format(new Date(iso));
  return `${text} WIB`;
}

/** The action in words where the catalogue has them; the code itself otherwise (and always, small, for support). */
function actionLabel(action: string, t: Translate): string {
  const key = `audit.action.${action}`;
  return key in catalogue ? t(key as MessageKey) : action;
}

/** A changed value as a person reads it: text as is, nothing as a dash, lists and objects as short JSON. */
export function readable(value: unknown): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const json = JSON.stringify(value);
  return json.length > 120 ? `${json.slice(0, 119)}…` : json;
}

function Changes({ changes }: { changes: AuditEvent['changes'] }) {
  const { t } = useI18n();
  const entries = Object.entries(changes as Record<string, { from?: unknown; to?: unknown }>);
  if (entries.length === 0) return null;
  return (
    <dl class="diff">
      {entries.map(([field, change]) => (
        <div key={field}>
          <dt>{field}</dt>
          <dd>
            <span class="sr">{t('audit.before')} </span>
            <del>{readable(change.from)}</del>
            <span aria-hidden="true"> → </span>
            <span class="sr"> {t('audit.after')} </span>
            <ins>{readable(change.to)}</ins>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Who changed what, when, in the reader's scope (the API decides it), newest first. */
export function AuditLogScreen() {
  const { t, language } = useI18n();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  // Sent filters start the list again from its first page; a late answer for earlier ones is dropped.
  const list = useAdminList<AuditEvent>(filters, (after) =>
    api.GET('/api/v1/admin/audit-events', {
      params: {
        query: {
          limit: 24,
          ...(filters.email.trim() && { actorEmail: filters.email.trim() }),
          ...(filters.entityType && { entityType: filters.entityType }),
          ...(filters.from && { from: startOfWibDay(filters.from) }),
          ...(filters.to && { to: nextWibDay(filters.to) }),
          ...after,
        },
      },
    }),
  );
  const events = list.items;
  const problem = list.failed ? (list.problem ? (readProblem(list.problem, t).message ?? t('error.generic')) : t('app.offline')) : undefined;

  const set = (key: keyof Filters) => (event: { currentTarget: { value: string } }) => setDraft({ ...draft, [key]: event.currentTarget.value });

  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <form
        class="card filters"
        onSubmit={(event) => {
          event.preventDefault();
          setFilters(draft);
        }}
      >
        <div class="field">
          <label for="audit-email">{t('audit.who')}</label>
          <input id="audit-email" type="email" autoComplete="off" value={draft.email} onInput={set('email')} />
        </div>
        <div class="field">
          <label for="audit-type">{t('audit.what')}</label>
          <select id="audit-type" value={draft.entityType} onChange={set('entityType')}>
            <option value="">{t('audit.anything')}</option>
            {ENTITY_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`audit.entity.${type}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="audit-from">{t('audit.from')}</label>
          <input id="audit-from" type="date" value={draft.from} onInput={set('from')} />
        </div>
        <div class="field">
          <label for="audit-to">{t('audit.to')}</label>
          <input id="audit-to" type="date" value={draft.to} onInput={set('to')} />
        </div>
        <button type="submit" class="primary">
          {t('audit.filter')}
        </button>
      </form>
      {problem && (
        <p class="alert" role="alert">
          {problem}{' '}
          <button type="button" onClick={list.retry}>
            {t('app.retry')}
          </button>
        </p>
      )}
      {events === undefined ? (
        !problem && <p class="loading">{t('app.loading')}</p>
      ) : events.length === 0 ? (
        <p>{t('audit.empty')}</p>
      ) : (
        <ol class="list events">
          {events.map((event) => (
            <li key={event.id}>
              <p class="event-head">
                <strong>{actionLabel(event.action, t)}</strong>
                <span class="meta code">{event.action}</span>
                <span class="meta">
                  <time dateTime={event.createdAt}>{wibTime(event.createdAt, language)}</time> · {event.actorEmail ?? t('audit.system')}
                </span>
              </p>
              <Changes changes={event.changes} />
            </li>
          ))}
        </ol>
      )}
      {list.more && (
        <button type="button" onClick={list.more}>
          {t('audit.more')}
        </button>
      )}
    </section>
  );
}
