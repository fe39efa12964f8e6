import { id } from '../i18n/id';
import type { MessageKey, Translate } from '../i18n/i18n';
import type { Problem } from './api';

/** Field name (as the API names it) -> plain-language message, for the form to show beside the field. */
export type FieldErrors = Record<string, string>;

/** Fields whose mistakes have their own sentence in the catalogues; anything else gets a general one. */
const FIELD_MESSAGES: Record<string, MessageKey> = {
  name: 'error.name',
  price: 'error.price',
  stock: 'error.stock',
  weightGrams: 'error.weightGrams',
  category: 'error.category',
  slug: 'error.slug',
  delta: 'error.delta',
  reason: 'error.reason',
  alt: 'error.alt',
  makerGroupName: 'error.makerGroupName',
  makerConsentId: 'error.CONSENT_REQUIRED',
  certificates: 'error.certificates',
  courier: 'error.courier',
  trackingNumber: 'error.trackingNumber',
  title: 'error.title',
  markdown: 'error.markdown',
  excerpt: 'error.excerpt',
  tags: 'error.tags',
  productIds: 'error.productIds',
  consentRecordId: 'error.consentRecordId',
  displayName: 'error.displayName',
  recordedOn: 'error.recordedOn',
  recordedByOfficer: 'error.recordedByOfficer',
  startsOn: 'error.startsOn',
  endsOn: 'error.endsOn',
  goal: 'error.goal',
};

/** Problems with a code of their own that concern one field of the product form. */
const CODE_FIELDS: Partial<Record<string, string>> = {
  FOOD_PERMIT_REQUIRED: 'certificates',
  CONSENT_REQUIRED: 'makerConsentId',
  INDIVIDUAL_CREDIT_NOT_ALLOWED: 'makerConsentId',
  CONFLICT: 'slug',
};

/**
 * A form's own words for its fields, by the API's field path (`address.city`) or its first part
 * (`name`), or by a problem code (`CONFLICT`): which form field shows it, and what it says.
 */
export type LocalMessages = Record<string, readonly [field: string, key: MessageKey]>;

export interface ReadProblem {
  fields: FieldErrors;
  /** What to say above the form when no field carries it. */
  message?: string;
}

/**
 * Turns a problem+json body into messages in the reader's language: never the API's English
 * detail, never JSON. Field paths like `certificates.0.number` are reported on their first part.
 */
export function readProblem(problem: Problem, t: Translate, local: LocalMessages = {}): ReadProblem {
  const fields: FieldErrors = {};
  for (const error of problem.errors ?? []) {
    const first = error.field.split('.')[0] ?? error.field;
    const own = local[error.field] ?? local[first];
    if (own) fields[own[0]] ??= t(own[1]);
    else fields[first] ??= t(FIELD_MESSAGES[first] ?? 'error.generic');
  }
  const ownCode = local[problem.code];
  if (ownCode) {
    fields[ownCode[0]] ??= t(ownCode[1]);
    return { fields, message: t('form.errorsSummary') };
  }
  const codeKey = `error.${problem.code}`;
  const codeField = CODE_FIELDS[problem.code];
  if (codeField && isMessageKey(codeKey)) fields[codeField] ??= t(codeKey);
  else if (codeField === 'slug') fields.slug ??= t('error.slug');
  if (Object.keys(fields).length > 0) return { fields, message: t('form.errorsSummary') };
  if (isMessageKey(codeKey)) return { fields, message: t(codeKey) };
  return { fields, message: t(problem.status >= 500 ? 'error.server' : 'error.generic') };
}

/** The catalogues share their keys (en.ts is typed by id.ts), so one is enough to ask. */
function isMessageKey(key: string): key is MessageKey {
  return key in id;
}
