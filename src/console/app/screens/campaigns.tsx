import { useEffect, useState } from 'preact/hooks';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { api, asProblem, type Campaign, type CreateCampaign } from '../lib/api';
import { useDraft } from '../lib/drafts';
import { readProblem, type FieldErrors } from '../lib/problems';
import { BASE, navigate } from '../lib/router';
import { Field } from './field';

const GOALS = ['ORDERS', 'VISITS'] as const;

/** Campaigns of the admin's scope, newest first (the API decides the scope). */
export function CampaignsScreen() {
  const { t } = useI18n();
  const [campaigns, setCampaigns] = useState<Campaign[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  async function load(from: string | null): Promise<void> {
    setFailed(false);
    try {
      const { data } = await api.GET('/api/v1/admin/humas/campaigns', { params: { query: { limit: 24, ...(from !== null && { cursor: from }) } } });
      if (!data) return setFailed(true);
      setCampaigns((before) => (from === null ? data.data : [...(before ?? []), ...data.data]));
      setCursor(data.nextCursor);
    } catch {
      setFailed(true);
    }
  }

  useEffect(() => void load(null), []);

  return (
    <section>
      <h1>{t('campaigns.title')}</h1>
      <a class="button primary" href={`${BASE}/kampanye/baru`}>
        {t('campaigns.new')}
      </a>
      {failed && (
        <p class="alert" role="alert">
          {t('app.offline')}{' '}
          <button type="button" onClick={() => void load(null)}>
            {t('app.retry')}
          </button>
        </p>
      )}
      {campaigns === undefined ? (
        !failed && <p class="loading">{t('app.loading')}</p>
      ) : campaigns.length === 0 ? (
        <p>{t('campaigns.empty')}</p>
      ) : (
        <ul class="list">
          {campaigns.map((campaign) => (
            <li key={campaign.id}>
              <a href={`${BASE}/kampanye/${campaign.id}`}>
                <span class="grow">
                  <strong>{campaign.name}</strong>
                  <span class="meta">
                    {t('campaigns.period', { from: campaign.startsOn, to: campaign.endsOn })} · {t(`campaigns.goal.${campaign.goal}`)}
                  </span>
                </span>
                <span class="badge">{t(`campaigns.scope.${campaign.scope}`)}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {cursor !== null && (
        <button type="button" onClick={() => void load(cursor)}>
          {t('campaigns.more')}
        </button>
      )}
    </section>
  );
}

interface CampaignForm {
  name: string;
  startsOn: string;
  endsOn: string;
  goal: CreateCampaign['goal'];
}

const EMPTY: CampaignForm = { name: '', startsOn: '', endsOn: '', goal: 'ORDERS' };

/** The campaign form's own sentences for the fields the API names. */
const FIELD_MESSAGES: Record<string, MessageKey> = { name: 'campaigns.error.name', startsOn: 'campaigns.error.date', endsOn: 'campaigns.error.endsOn' };

/** A new campaign: name, period and goal; its scope follows the admin's role. */
export function CampaignFormScreen() {
  const { t } = useI18n();
  const draft = useDraft<CampaignForm>('campaign:new', EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const form = draft.value;
  const update = (field: keyof CampaignForm) => (value: string) => draft.set({ ...form, [field]: value });

  async function save(event: Event): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setMessage(undefined);
    try {
      const { data, error, response } = await api.POST('/api/v1/admin/humas/campaigns', { body: { name: form.name, startsOn: form.startsOn.trim(), endsOn: form.endsOn.trim(), goal: form.goal } });
      if (!data) {
        const read = readProblem(asProblem(error, response.status), t);
        const fields: FieldErrors = {};
        for (const field of Object.keys(read.fields)) fields[field] = FIELD_MESSAGES[field] ? t(FIELD_MESSAGES[field]) : (read.fields[field] ?? '');
        setErrors(fields);
        setMessage(read.message);
        return;
      }
      draft.reset(EMPTY);
      navigate(`${BASE}/kampanye/${data.id}`, { replace: true });
    } catch {
      setMessage(t('app.offline'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <h1>{t('campaigns.form.title')}</h1>
      <p class="hint">{t('campaigns.form.scopeHint')}</p>
      {draft.restored && (
        <p class="note" role="status">
          {t('form.draftRestored')}{' '}
          <button type="button" class="link" onClick={() => draft.reset(EMPTY)}>
            {t('form.discardDraft')}
          </button>
        </p>
      )}
      {message && (
        <p class="alert" role="alert">
          {message}
        </p>
      )}
      <form onSubmit={(event) => void save(event)} noValidate>
        <Field id="name" label={t('campaigns.form.name')} value={form.name} onInput={update('name')} error={errors.name} required />
        <Field id="startsOn" label={t('campaigns.form.startsOn')} value={form.startsOn} onInput={update('startsOn')} error={errors.startsOn} required />
        <Field id="endsOn" label={t('campaigns.form.endsOn')} value={form.endsOn} onInput={update('endsOn')} error={errors.endsOn} required />
        <Field id="goal" label={t('campaigns.form.goal')} value={form.goal} onInput={update('goal')} error={errors.goal} select>
          {GOALS.map((goal) => (
            <option key={goal} value={goal}>
              {t(`campaigns.goal.${goal}`)}
            </option>
          ))}
        </Field>
        <button type="submit" class="primary" disabled={busy}>
          {t('campaigns.form.save')}
        </button>
      </form>
    </section>
  );
}
