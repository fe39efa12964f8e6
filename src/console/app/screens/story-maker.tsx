import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { api, asProblem, type Consent } from '../lib/api';
import { readProblem, type FieldErrors } from '../lib/problems';
import { Field } from './field';

interface MakerProps {
  facilityId: string | undefined;
  featuresIndividual: boolean;
  consentRecordId: string;
  errors: FieldErrors;
  onChange: (change: { featuresIndividual?: boolean; consentRecordId?: string }) => void;
  /** The chosen maker's initials or pseudonym, for the preview. */
  onMaker: (displayName: string | undefined) => void;
}

const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * A story about one maker names them only by initials or a pseudonym, and only with a consent
 * record that covers stories (DOMAIN.md); the officer can record that consent here.
 */
export function StoryMakerSection({ facilityId, featuresIndividual, consentRecordId, errors, onChange, onMaker }: MakerProps) {
  const { t } = useI18n();
  const [consents, setConsents] = useState<Consent[]>([]);
  const [record, setRecord] = useState({ displayName: '', nameKind: 'INITIALS' as Consent['nameKind'], recordedOn: today(), recordedByOfficer: '' });
  const [recordErrors, setRecordErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | undefined>();

  useEffect(() => {
    void api.GET('/api/v1/admin/maker-consents', { params: { query: facilityId ? { facilityId } : {} } }).then(({ data }) => {
      if (data) setConsents(data.filter((consent) => consent.withdrawnAt === null && consent.scopes.includes('STORY')));
    });
  }, [facilityId]);

  useEffect(() => onMaker(featuresIndividual ? consents.find((consent) => consent.id === consentRecordId)?.displayName : undefined), [consents, consentRecordId, featuresIndividual]);

  async function save(): Promise<void> {
    setRecordErrors({});
    setMessage(undefined);
    const body = { ...record, scopes: ['STORY' as const], ...(facilityId && { facilityId }) };
    const { data, error, response } = await api.POST('/api/v1/admin/maker-consents', { body }).catch(() => ({ data: undefined, error: undefined, response: { status: 0 } }));
    if (!data) {
      if (response.status === 0) return setMessage(t('app.offline'));
      const read = readProblem(asProblem(error, response.status), t);
      setRecordErrors(read.fields);
      return setMessage(read.message);
    }
    setConsents((before) => [...before, data]);
    onChange({ consentRecordId: data.id });
    setRecord({ ...record, displayName: '' });
    setMessage(t('story.consentSaved'));
  }

  return (
    <fieldset class="group">
      <legend>{t('story.maker')}</legend>
      <div class={errors.featuresIndividual ? 'field invalid' : 'field'}>
        <label class="check">
          <input
            type="checkbox"
            checked={featuresIndividual}
            aria-describedby={errors.featuresIndividual ? 'featuresIndividual-hint featuresIndividual-error' : 'featuresIndividual-hint'}
            onChange={(e) => onChange({ featuresIndividual: e.currentTarget.checked })}
          />
          {t('story.featuresIndividual')}
        </label>
        <p class="hint" id="featuresIndividual-hint">
          {t('story.featuresIndividualHint')}
        </p>
        {errors.featuresIndividual && (
          <p class="error" id="featuresIndividual-error">
            {errors.featuresIndividual}
          </p>
        )}
      </div>
      {featuresIndividual && (
        <>
          <Field
            id="consentRecordId"
            label={t('story.consent')}
            hint={consents.length === 0 ? t('story.consentNone') : undefined}
            error={errors.consentRecordId}
            value={consentRecordId}
            onInput={(value) => onChange({ consentRecordId: value })}
            select
          >
            <option value="">{t('form.choose')}</option>
            {consents.map((consent) => (
              <option key={consent.id} value={consent.id}>
                {consent.displayName} · {consent.recordedOn}
              </option>
            ))}
          </Field>
          <details class="record">
            <summary>{t('story.recordConsent')}</summary>
            <Field id="displayName" label={t('story.displayName')} hint={t('story.displayNameHint')} error={recordErrors.displayName} value={record.displayName} onInput={(displayName) => setRecord({ ...record, displayName })} />
            <Field id="nameKind" label={t('story.nameKind')} value={record.nameKind} onInput={(nameKind) => setRecord({ ...record, nameKind: nameKind === 'PSEUDONYM' ? 'PSEUDONYM' : 'INITIALS' })} select>
              <option value="INITIALS">{t('story.nameKind.INITIALS')}</option>
              <option value="PSEUDONYM">{t('story.nameKind.PSEUDONYM')}</option>
            </Field>
            <Field id="recordedOn" label={t('story.recordedOn')} error={recordErrors.recordedOn} value={record.recordedOn} onInput={(recordedOn) => setRecord({ ...record, recordedOn })} date />
            <Field
              id="recordedByOfficer"
              label={t('story.recordedByOfficer')}
              hint={t('story.recordedByOfficerHint')}
              error={recordErrors.recordedByOfficer}
              value={record.recordedByOfficer}
              onInput={(recordedByOfficer) => setRecord({ ...record, recordedByOfficer })}
            />
            <button type="button" onClick={() => void save()}>
              {t('story.saveConsent')}
            </button>
            {message && (
              <p class="hint" role="status">
                {message}
              </p>
            )}
          </details>
        </>
      )}
    </fieldset>
  );
}
