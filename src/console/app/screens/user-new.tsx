import { useEffect, useState } from 'preact/hooks';
import { useI18n, type Translate } from '../i18n/i18n';
import { api, type Assignable, type CreateUser, type FacilityAdmin, type Problem } from '../lib/api';
import { useDraft } from '../lib/drafts';
import { useFormSubmit } from '../lib/form-submit';
import { readProblem, type LocalMessages, type ReadProblem } from '../lib/problems';
import { BASE, navigate } from '../lib/router';
import { Field } from './field';
import { DraftNote, Said } from './form-notes';
import { RefusalScreen } from './refusal';

/** Kept as a draft. The password is not: it stays in memory only, never in the phone's storage. */
interface NewUserForm {
  name: string;
  email: string;
  role: CreateUser['role'] | '';
  kanwilId: string;
  facilityId: string;
}

const EMPTY: NewUserForm = { name: '', email: '', role: '', kanwilId: '', facilityId: '' };

const USER_MESSAGES: LocalMessages = {
  name: ['name', 'error.personName'],
  email: ['email', 'error.email'],
  CONFLICT: ['email', 'error.emailTaken'],
  role: ['role', 'error.role'],
  kanwilId: ['kanwilId', 'error.kanwil'],
  facilityId: ['facilityId', 'error.facility'],
  password: ['password', 'error.password'],
};

export function readUserProblem(problem: Problem, t: Translate): ReadProblem {
  return readProblem(problem, t, USER_MESSAGES);
}

/**
 * A new admin account. The roles and Kanwil offered are what the API says this admin may give
 * (GET /admin/users/assignable); the facilities, those it lists for them. The API checks again.
 */
export function NewUserScreen({ unit }: { unit: string }) {
  const { t } = useI18n();
  // One draft per facility it was opened for: a half-typed account for one unit never lands on another.
  const draft = useDraft<NewUserForm>(`user:new${unit ? `:${unit}` : ''}`, { ...EMPTY, facilityId: unit });
  const [password, setPassword] = useState('');
  const [assignable, setAssignable] = useState<Assignable | undefined>();
  const [facilities, setFacilities] = useState<FacilityAdmin[]>([]);
  const [facilityQuery, setFacilityQuery] = useState('');
  const { busy, errors, setErrors, message, say, submit, failed } = useFormSubmit({ read: readUserProblem });
  const [refused, setRefused] = useState(false);
  const form = draft.value;
  const role = form.role || (assignable?.roles.length === 1 ? assignable.roles[0] : '') || '';

  async function findFacilities(q: string): Promise<void> {
    const { data } = await api.GET('/api/v1/admin/facilities', { params: { query: { limit: 100, active: true, ...(q.trim() && { q: q.trim() }) } } });
    if (!data) return;
    const chosen = facilities.find((facility) => facility.id === form.facilityId);
    // The facility already chosen stays a choice while the person searches for another.
    setFacilities(chosen && !data.data.some((facility) => facility.id === chosen.id) ? [chosen, ...data.data] : data.data);
  }

  useEffect(() => {
    void api.GET('/api/v1/admin/users/assignable').then(({ data, response }) => {
      if (response.status === 403) return setRefused(true);
      if (data) setAssignable(data);
    });
    void (async () => {
      const { data } = await api.GET('/api/v1/admin/facilities', { params: { query: { limit: 100, active: true } } });
      const list = data?.data ?? [];
      const wanted = form.facilityId;
      if (wanted && !list.some((facility) => facility.id === wanted)) {
        const one = await api.GET('/api/v1/admin/facilities/{id}', { params: { path: { id: wanted } } });
        if (one.data) list.unshift(one.data);
      }
      setFacilities(list);
    })();
  }, []);

  const update = (field: keyof NewUserForm) => (value: string) => draft.set({ ...form, [field]: value });

  async function save(event: Event): Promise<void> {
    event.preventDefault();
    await submit(async () => {
      // Nothing to send without a role: the choice is the person's, said beside the field.
      if (role === '') {
        setErrors({ role: t('error.role') });
        say({ text: t('form.errorsSummary'), kind: 'alert' });
        return;
      }
      const body: CreateUser = {
        name: form.name.trim(),
        email: form.email.trim(),
        role,
        password,
        ...(role === 'REGIONAL_ADMIN' && form.kanwilId && { kanwilId: form.kanwilId }),
        ...(role === 'FACILITY_ADMIN' && form.facilityId && { facilityId: form.facilityId }),
      };
      const { data, error, response } = await api.POST('/api/v1/admin/users', { body });
      if (!data) return failed(error, response.status);
      draft.reset(EMPTY);
      setPassword('');
      navigate(`${BASE}/pengguna/${data.id}?baru=1`, { replace: true });
    });
  }

  if (refused) return <RefusalScreen />;
  return (
    <section>
      <a href={`${BASE}/pengguna`}>← {t('userForm.back')}</a>
      <h1>{t('userForm.newTitle')}</h1>
      {draft.restored && <DraftNote onDiscard={() => draft.reset({ ...EMPTY, facilityId: unit })} />}
      <Said message={message} />
      <form onSubmit={(event) => void save(event)} noValidate>
        <Field id="name" label={t('userForm.name')} error={errors.name} value={form.name} onInput={update('name')} required />
        <Field id="email" label={t('signIn.email')} error={errors.email} value={form.email} onInput={update('email')} type="email" autoComplete="off" required />
        <Field id="role" label={t('userForm.role')} error={errors.role} value={role} onInput={update('role')} required select>
          {(assignable?.roles.length ?? 0) > 1 && <option value="">{t('form.choose')}</option>}
          {assignable?.roles.map((value) => (
            <option key={value} value={value}>
              {t(`role.${value}`)}
            </option>
          ))}
        </Field>
        {role === 'REGIONAL_ADMIN' && (
          <Field id="kanwilId" label={t('userForm.kanwil')} error={errors.kanwilId} value={form.kanwilId} onInput={update('kanwilId')} required select>
            <option value="">{t('form.choose')}</option>
            {assignable?.kanwils.map((kanwil) => (
              <option key={kanwil.id} value={kanwil.id}>
                {kanwil.name}
              </option>
            ))}
          </Field>
        )}
        {role === 'FACILITY_ADMIN' && (
          <>
            <label for="facilityQuery">{t('userForm.findFacility')}</label>
            <div class="search">
              <div class="row">
                <input id="facilityQuery" type="search" value={facilityQuery} onInput={(e) => setFacilityQuery(e.currentTarget.value)} />
                <button type="button" onClick={() => void findFacilities(facilityQuery)}>
                  {t('products.searchButton')}
                </button>
              </div>
            </div>
            <Field id="facilityId" label={t('userForm.facility')} error={errors.facilityId} value={form.facilityId} onInput={update('facilityId')} required select>
              <option value="">{t('form.choose')}</option>
              {facilities.map((facility) => (
                <option key={facility.id} value={facility.id}>
                  {facility.name}
                </option>
              ))}
            </Field>
          </>
        )}
        <Field id="password" label={t('userForm.password')} hint={t('userForm.passwordHint')} error={errors.password} value={password} onInput={setPassword} type="password" autoComplete="new-password" required />
        <button type="submit" class="primary" disabled={busy}>
          {t('userForm.create')}
        </button>
      </form>
    </section>
  );
}
