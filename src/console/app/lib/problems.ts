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
  courier: 'error.courier',
  trackingNumber: 'error.trackingNumber',
  startsOn: 'error.startsOn',
  endsOn: 'error.endsOn',
  goal: 'error.goal',
  productIds: 'error.productIds',
  storyIds: 'error.storyIds',
};

/** Problems with a code of their own that concern one field of the product form. */
const CODE_FIELDS: Partial<Record<string, string>> = {
  FOOD_PERMIT_REQUIRED: 'kind',
  CONSENT_REQUIRED: 'makerGroupName',
  INDIVIDUAL_CREDIT_NOT_ALLOWED: 'makerGroupName',
  CONFLICT: 'slug',
};

export interface ReadProblem {
  fields: FieldErrors;
  /** What to say above the form when no field carries it. */
  message?: string;
}

/**
 * Turns a problem+json body into messages in the reader's language: never the API's English
 * detail, never JSON. Field paths like `certificates.0.number` are reported on their first part.
 */
export function readProblem(problem: Problem, t: Translate): ReadProblem {
  const fields: FieldErrors = {};
  for (const error of problem.errors ?? []) {
    const field = error.field.split('.')[0] ?? error.field;
    fields[field] ??= t(FIELD_MESSAGES[field] ?? 'error.generic');
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
