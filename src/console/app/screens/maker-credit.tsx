import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { api, asProblem, type Consent, type CreateConsent } from '../lib/api';
import { readProblem, type FieldErrors } from '../lib/problems';
import { Field } from './field';

interface ConsentForm {
  displayName: string;
  nameKind: CreateConsent['nameKind'];
  recordedOn: string;
  recordedByOfficer: string;
}

const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * Who made it: the group by default; a maker by initials or a chosen pseudonym only with a consent
 * record (recorded here: date, officer). The API refuses individual credit at an LPKA and a consent
 * that was withdrawn; its words are shown beside the choice.
 */
export function MakerCreditFields({ value, onChange, error }: { value: string; onChange: (consentId: string) => void; error?: string }) {
  const { t } = useI18n();
  const [consents, setConsents] = useState<Consent[]>([]);
  const [adding, setAdding] = useState(false);
  const [form, setForm] = useState<ConsentForm>({ displayName: '', nameKind: 'INITIALS', recordedOn: today(), recordedByOfficer: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.GET('/api/v1/admin/maker-consents').then(({ data }) => data && setConsents(data));
  }, []);

  const usable = consents.filter((consent) => consent.withdrawnAt === null && consent.scopes.includes('PRODUCT_CREDIT'));
  const update = (field: keyof ConsentForm) => (text: string) => setForm({ ...form, [field]: text });

  async function record(): Promise<void> {
    setBusy(true);
    setErrors({});
    setMessage(undefined);
    try {
      const { data, error, response } = await api.POST('/api/v1/admin/maker-consents', { body: { ...form, displayName: form.displayName.trim(), scopes: ['PRODUCT_CREDIT'] } });
      if (!data) {
        const read = readProblem(asProblem(error, response.status), t);
        setErrors(read.fields);
        return setMessage(read.fields.makerConsentId ?? read.message);
      }
      setConsents([data, ...consents]);
      onChange(data.id);
      setAdding(false);
      setForm({ displayName: '', nameKind: 'INITIALS', recordedOn: today(), recordedByOfficer: '' });
    } catch {
      setMessage(t('app.offline'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="maker">
      <Field id="makerConsentId" label={t('maker.credit')} hint={t('maker.creditHint')} error={error} value={value} onInput={onChange} select>
        <option value="">{t('maker.group')}</option>
        {usable.map((consent) => (
          <option value={consent.id} key={consent.id}>
            {t('maker.individual', { name: consent.displayName })}
          </option>
        ))}
      </Field>
      {adding ? (
        // Not a <form>: it sits inside the product form, and its button must not save the product.
        <div class="card" role="group" aria-labelledby="consent-title">
          <h3 id="consent-title">{t('maker.recordTitle')}</h3>
          <p class="hint">{t('maker.recordHint')}</p>
          {message && (
            <p class="alert" role="alert">
              {message}
            </p>
          )}
          <Field id="consent-nameKind" label={t('maker.nameKind')} value={form.nameKind} onInput={update('nameKind')} select>
            <option value="INITIALS">{t('maker.INITIALS')}</option>
            <option value="PSEUDONYM">{t('maker.PSEUDONYM')}</option>
          </Field>
          <Field
            id="consent-displayName"
            label={t('maker.displayName')}
            hint={t(form.nameKind === 'INITIALS' ? 'maker.initialsHint' : 'maker.pseudonymHint')}
            error={errors.displayName && t(form.nameKind === 'INITIALS' ? 'maker.initialsHint' : 'maker.pseudonymHint')}
            value={form.displayName}
            onInput={update('displayName')}
            required
          />
          <Field id="consent-recordedOn" label={t('maker.recordedOn')} error={errors.recordedOn} value={form.recordedOn} onInput={update('recordedOn')} type="date" required />
          <Field id="consent-officer" label={t('maker.officer')} hint={t('maker.officerHint')} error={errors.recordedByOfficer} value={form.recordedByOfficer} onInput={update('recordedByOfficer')} required />
          <div class="actions">
            <button type="button" class="primary" disabled={busy} onClick={() => void record()}>
              {t('maker.recordSave')}
            </button>
            <button type="button" onClick={() => setAdding(false)}>
              {t('photos.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" onClick={() => setAdding(true)}>
          {t('maker.record')}
        </button>
      )}
    </div>
  );
}
