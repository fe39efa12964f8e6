import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { api, type CreateFacility, type FacilityAdmin, type Me, type Region } from '../lib/api';
import { useDraft } from '../lib/drafts';
import { useFormSubmit } from '../lib/form-submit';
import { readProblem, type LocalMessages } from '../lib/problems';
import { BASE, navigate } from '../lib/router';
import { FACILITY_TYPES } from './facilities';
import { Field } from './field';
import { DraftNote, NotFound, Said } from './form-notes';
import { RefusalScreen } from './refusal';

const CLASSES = ['I', 'II', 'IIA', 'IIB', 'III'] as const;

/** As typed: kept as a draft, turned into the API's body on save. */
interface FacilityForm {
  name: string;
  shortName: string;
  type: CreateFacility['type'];
  facilityClass: CreateFacility['facilityClass'];
  /** Not on the form: kept as it is (UMUM for a new facility). */
  kind: CreateFacility['kind'];
  provinceCode: string;
  addressLine: string;
  city: string;
  postalCode: string;
  phone: string;
  email: string;
  active: 'true' | 'false';
}

const EMPTY: FacilityForm = { name: '', shortName: '', type: 'LAPAS', facilityClass: 'IIA', kind: 'UMUM', provinceCode: '', addressLine: '', city: '', postalCode: '', phone: '', email: '', active: 'true' };

/** The API's field paths, as this form names and explains them. */
const MESSAGES: LocalMessages = {
  name: ['name', 'error.facilityName'],
  shortName: ['shortName', 'error.shortName'],
  slug: ['shortName', 'error.facilitySlug'],
  CONFLICT: ['shortName', 'error.facilitySlug'],
  provinceCode: ['provinceCode', 'error.provinceCode'],
  address: ['addressLine', 'error.addressLine'],
  'address.line': ['addressLine', 'error.addressLine'],
  'address.city': ['city', 'error.city'],
  'address.postalCode': ['postalCode', 'error.postalCode'],
  'contact.phone': ['phone', 'error.phone'],
  'contact.email': ['email', 'error.email'],
};

function formOf(facility: FacilityAdmin): FacilityForm {
  return {
    name: facility.name,
    shortName: facility.shortName,
    type: facility.type,
    facilityClass: facility.facilityClass,
    kind: facility.kind,
    provinceCode: facility.region.provinceCode,
    addressLine: facility.address.line,
    city: facility.address.city,
    postalCode: facility.address.postalCode ?? '',
    phone: facility.contact.phone ?? '',
    email: facility.contact.email ?? '',
    active: facility.active ? 'true' : 'false',
  };
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

function bodyOf(form: FacilityForm): CreateFacility {
  return {
    name: form.name.trim(),
    shortName: form.shortName.trim(),
    type: form.type,
    facilityClass: form.facilityClass,
    kind: form.kind,
    provinceCode: form.provinceCode,
    address: { line: form.addressLine.trim(), city: form.city.trim(), postalCode: orNull(form.postalCode) },
    contact: { phone: orNull(form.phone), email: orNull(form.email) },
  };
}

export function FacilityFormScreen({ id, user }: { id: string | null; user: Me }) {
  const { t } = useI18n();
  const draft = useDraft<FacilityForm>(`facility:${id ?? 'new'}`, EMPTY);
  const [facility, setFacility] = useState<FacilityAdmin | undefined>();
  const [regions, setRegions] = useState<Region[]>([]);
  const { busy, errors, message, say, submit, failed, notLoaded } = useFormSubmit({ read: (problem, t) => readProblem(problem, t, MESSAGES) });
  const [missing, setMissing] = useState<'notFound' | 'refused' | undefined>();
  const form = draft.value;

  useEffect(() => {
    // A regional admin places facilities in its own Kanwil only (the API refuses others).
    void api.GET('/api/v1/regions').then(({ data }) => data && setRegions(data.data.filter((region) => !user.kanwilId || region.id === user.kanwilId)));
    if (id === null) return;
    void api.GET('/api/v1/admin/facilities/{id}', { params: { path: { id } } }).then(({ data, error, response }) => {
      // Another Kanwil's facility is a 404: the same words as one that does not exist.
      if (response.status === 404) return setMissing('notFound');
      if (response.status === 403) return setMissing('refused');
      if (!data) return notLoaded(error, response.status);
      setFacility(data);
      if (!draft.restored) draft.reset(formOf(data));
    });
  }, [id]);

  const update = (field: keyof FacilityForm) => (value: string) => draft.set({ ...form, [field]: value });

  async function save(event: Event): Promise<void> {
    event.preventDefault();
    await submit(async () => {
      if (id === null) {
        const { data, error, response } = await api.POST('/api/v1/admin/facilities', { body: bodyOf(form) });
        if (!data) return failed(error, response.status);
        draft.reset(EMPTY);
        navigate(`${BASE}/unit/${data.id}`, { replace: true });
        return;
      }
      const { data, error, response } = await api.PATCH('/api/v1/admin/facilities/{id}', {
        params: { path: { id } },
        body: { ...bodyOf(form), active: form.active === 'true' },
      });
      if (!data) return failed(error, response.status);
      setFacility(data);
      draft.reset(formOf(data));
      say({ text: t('form.saved'), kind: 'status' });
    });
  }

  const back = (
    <a href={`${BASE}/unit`}>
      ← {t('facilityForm.back')}
    </a>
  );
  if (missing === 'refused') return <RefusalScreen />;
  if (missing === 'notFound') return <NotFound back={back} title={t('facilityForm.editTitle')} text={t('error.NOT_FOUND')} />;

  return (
    <section>
      {back}
      <h1>{id === null ? t('facilityForm.newTitle') : t('facilityForm.editTitle')}</h1>
      {facility && (
        <div class="actions">
          <a class="button" href={`${BASE}/pengguna?unit=${facility.id}`}>
            {t('facilityForm.admins')}
          </a>
          <a class="button" href={`${BASE}/pengguna/baru?unit=${facility.id}`}>
            {t('facilityForm.newAdmin')}
          </a>
        </div>
      )}
      {draft.restored && <DraftNote onDiscard={() => draft.reset(facility ? formOf(facility) : EMPTY)} />}
      <Said message={message} />
      <form onSubmit={(event) => void save(event)} noValidate>
        <Field id="name" label={t('facilityForm.name')} hint={t('facilityForm.nameHint')} error={errors.name} value={form.name} onInput={update('name')} required />
        <Field id="shortName" label={t('facilityForm.shortName')} hint={t('facilityForm.shortNameHint')} error={errors.shortName} value={form.shortName} onInput={update('shortName')} required />
        <Field id="type" label={t('facilities.type')} error={errors.type} value={form.type} onInput={update('type')} select>
          {FACILITY_TYPES.map((value) => (
            <option key={value} value={value}>
              {t(`facilityType.${value}`)}
            </option>
          ))}
        </Field>
        <Field id="facilityClass" label={t('facilityForm.class')} error={errors.facilityClass} value={form.facilityClass} onInput={update('facilityClass')} select>
          {CLASSES.map((value) => (
            <option key={value} value={value}>
              {t('facilityForm.classOption', { class: value })}
            </option>
          ))}
        </Field>
        <Field id="provinceCode" label={t('facilityForm.province')} hint={t('facilityForm.provinceHint')} error={errors.provinceCode} value={form.provinceCode} onInput={update('provinceCode')} required select>
          <option value="">{t('form.choose')}</option>
          {regions.map((region) => (
            <optgroup key={region.id} label={region.name}>
              {region.provinces.map((province) => (
                <option key={province.code} value={province.code}>
                  {province.name}
                </option>
              ))}
            </optgroup>
          ))}
        </Field>
        <Field id="addressLine" label={t('facilityForm.address')} error={errors.addressLine} value={form.addressLine} onInput={update('addressLine')} required />
        <Field id="city" label={t('facilityForm.city')} error={errors.city} value={form.city} onInput={update('city')} required />
        <Field id="postalCode" label={t('facilityForm.postalCode')} error={errors.postalCode} value={form.postalCode} onInput={update('postalCode')} inputMode="numeric" />
        <Field id="phone" label={t('facilityForm.phone')} error={errors.phone} value={form.phone} onInput={update('phone')} />
        <Field id="email" label={t('facilityForm.email')} error={errors.email} value={form.email} onInput={update('email')} />
        {id !== null && (
          <Field id="active" label={t('facilityForm.status')} hint={t('facilityForm.statusHint')} error={errors.active} value={form.active} onInput={update('active')} select>
            <option value="true">{t('facilityForm.active')}</option>
            <option value="false">{t('facilities.inactive')}</option>
          </Field>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {t('form.save')}
        </button>
      </form>
    </section>
  );
}
