import { useI18n, type MessageKey } from '../i18n/i18n';
import type { CreateProduct } from '../lib/api';
import { Field } from './field';

type Certificate = NonNullable<CreateProduct['certificates']>[number];
export type PermitKind = Certificate['kind'];

/** A permit as typed: `validUntil` '' means it does not expire. */
export interface PermitRow {
  kind: PermitKind;
  number: string;
  issuer: string;
  validUntil: string;
}

const KINDS: readonly PermitKind[] = ['SPP_IRT', 'BPOM_MD', 'BPOM_ML', 'HALAL', 'SNI', 'OTHER'];
const SOON_DAYS = 30;

export function permitRowsOf(certifications: readonly { kind: PermitKind; number: string; issuer: string; validUntil: string | null }[]): PermitRow[] {
  return certifications.map((c) => ({ kind: c.kind, number: c.number, issuer: c.issuer, validUntil: c.validUntil ?? '' }));
}

export function certificatesOf(rows: PermitRow[]): Certificate[] {
  return rows.map((row) => ({ kind: row.kind, number: row.number.trim(), issuer: row.issuer.trim(), validUntil: row.validUntil === '' ? null : row.validUntil }));
}

/** 'expired', 'soon' (within SOON_DAYS) or undefined, by the phone's calendar day. */
function expiry(validUntil: string): 'expired' | 'soon' | undefined {
  if (validUntil === '') return undefined;
  const today = new Date().toISOString().slice(0, 10);
  if (validUntil < today) return 'expired';
  const soon = new Date(Date.now() + SOON_DAYS * 86_400_000).toISOString().slice(0, 10);
  return validUntil <= soon ? 'soon' : undefined;
}

/**
 * Food permits (SPP-IRT, BPOM) and certificates (halal, SNI) with their expiry, part of the product
 * form: saved with it, as the whole list. A FOOD product needs a valid permit to be published.
 */
export function PermitsFields({ rows, onChange, error }: { rows: PermitRow[]; onChange: (rows: PermitRow[]) => void; error?: string }) {
  const { t } = useI18n();
  const set = (index: number, change: Partial<PermitRow>): void => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <fieldset class={error ? 'permits invalid' : 'permits'} aria-describedby={error ? 'permits-error' : 'permits-hint'}>
      <legend>{t('permits.title')}</legend>
      <p class="hint" id="permits-hint">
        {t('permits.hint')}
      </p>
      {error && (
        <p class="error" id="permits-error">
          {error}
        </p>
      )}
      {rows.length === 0 && <p>{t('permits.none')}</p>}
      <ol class="plain">
        {rows.map((row, index) => {
          const n = index + 1;
          const state = expiry(row.validUntil);
          return (
            <li key={index} class="permit">
              <h3>{t('permits.item', { n })}</h3>
              {state && <p class={state === 'expired' ? 'alert' : 'note'}>{t(state === 'expired' ? 'permits.expired' : 'permits.soon')}</p>}
              <Field id={`permit-${index}-kind`} label={t('permits.kind')} value={row.kind} onInput={(kind) => set(index, { kind: kind as PermitKind })} select>
                {KINDS.map((kind) => (
                  <option value={kind} key={kind}>
                    {t(`permit.${kind}` as MessageKey)}
                  </option>
                ))}
              </Field>
              <Field id={`permit-${index}-number`} label={t('permits.number')} hint={t('permits.numberHint')} value={row.number} onInput={(number) => set(index, { number })} required />
              <Field id={`permit-${index}-issuer`} label={t('permits.issuer')} hint={t('permits.issuerHint')} value={row.issuer} onInput={(issuer) => set(index, { issuer })} required />
              <Field id={`permit-${index}-validUntil`} label={t('permits.validUntil')} hint={t('permits.validUntilHint')} value={row.validUntil} onInput={(validUntil) => set(index, { validUntil })} type="date" />
              <button type="button" aria-label={t('permits.removeOf', { n })} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                {t('permits.remove')}
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={() => onChange([...rows, { kind: 'SPP_IRT', number: '', issuer: '', validUntil: '' }])}>
        {t('permits.add')}
      </button>
    </fieldset>
  );
}
