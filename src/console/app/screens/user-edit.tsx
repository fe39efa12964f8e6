import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { api, type AdminUser, type Me } from '../lib/api';
import { useDraft } from '../lib/drafts';
import { useFormSubmit } from '../lib/form-submit';
import { BASE } from '../lib/router';
import { Field } from './field';
import { DraftNote, Said } from './form-notes';
import { RefusalScreen } from './refusal';
import { readUserProblem } from './user-new';

/**
 * One account: rename, deactivate or reactivate, and set a new password (the API signs the person
 * out everywhere for both). Whether this admin may change it is the API's answer, shown in words.
 */
export function UserScreen({ id, me, created }: { id: string; me: Me; created: boolean }) {
  const { t } = useI18n();
  const draft = useDraft<{ name: string }>(`user:${id}`, { name: '' });
  const [user, setUser] = useState<AdminUser | undefined>();
  const [password, setPassword] = useState('');
  const { busy, errors, message, say, submit, failed, notLoaded } = useFormSubmit({ read: readUserProblem, message: created ? { text: t('userForm.created'), kind: 'status' } : undefined });
  const [missing, setMissing] = useState<'notFound' | 'refused' | undefined>();

  useEffect(() => {
    void api.GET('/api/v1/admin/users/{id}', { params: { path: { id } } }).then(({ data, error, response }) => {
      if (response.status === 404) return setMissing('notFound');
      if (response.status === 403) return setMissing('refused');
      if (!data) return notLoaded(error, response.status);
      setUser(data);
      if (!draft.restored) draft.reset({ name: data.name });
    });
  }, [id]);

  async function change(body: { name?: string; active?: boolean; password?: string }, done: string): Promise<void> {
    await submit(async () => {
      const { data, error, response } = await api.PATCH('/api/v1/admin/users/{id}', { params: { path: { id } }, body });
      if (!data) return failed(error, response.status);
      setUser(data);
      if (body.name !== undefined) draft.reset({ name: data.name });
      if (body.password !== undefined) setPassword('');
      say({ text: done, kind: 'status' });
    });
  }

  const back = <a href={`${BASE}/pengguna`}>← {t('userForm.back')}</a>;
  if (missing === 'refused') return <RefusalScreen />;
  if (missing === 'notFound' || !user) {
    return (
      <section>
        {back}
        <h1>{t('userForm.editTitle')}</h1>
        {missing ? (
          <p class="alert" role="alert">
            {t('error.NOT_FOUND')}
          </p>
        ) : message ? (
          <p class="alert" role="alert">
            {message.text}
          </p>
        ) : (
          <p class="loading">{t('app.loading')}</p>
        )}
      </section>
    );
  }

  const self = user.id === me.id;
  return (
    <section>
      {back}
      <h1>{t('userForm.editTitle')}</h1>
      <dl class="facts">
        <dt>{t('signIn.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('userForm.role')}</dt>
        <dd>{t(`role.${user.role}`)}</dd>
        {user.facilityName && (
          <>
            <dt>{t('userForm.facility')}</dt>
            <dd>{user.facilityName}</dd>
          </>
        )}
        <dt>{t('users.status')}</dt>
        <dd>
          <span class={`badge${user.active ? ' published' : ' archived'}`}>{user.active ? t('users.active') : t('users.inactive')}</span>
        </dd>
      </dl>
      {draft.restored && <DraftNote onDiscard={() => draft.reset({ name: user.name })} />}
      <Said message={message} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void change({ name: draft.value.name.trim() }, t('form.saved'));
        }}
        noValidate
      >
        <Field id="name" label={t('userForm.name')} error={errors.name} value={draft.value.name} onInput={(name) => draft.set({ name })} required />
        <button type="submit" class="primary" disabled={busy}>
          {t('form.save')}
        </button>
      </form>
      {!self && (
        <div class="card">
          <h2>{user.active ? t('userForm.deactivateTitle') : t('userForm.reactivateTitle')}</h2>
          <p class="hint">{user.active ? t('userForm.deactivateHint') : t('userForm.reactivateHint')}</p>
          <button type="button" disabled={busy} onClick={() => void change({ active: !user.active }, user.active ? t('userForm.deactivated') : t('userForm.reactivated'))}>
            {user.active ? t('userForm.deactivate') : t('userForm.reactivate')}
          </button>
        </div>
      )}
      <form
        class="card"
        onSubmit={(event) => {
          event.preventDefault();
          void change({ password }, t('userForm.passwordReset'));
        }}
        noValidate
      >
        <h2>{t('userForm.resetTitle')}</h2>
        <Field id="password" label={t('userForm.newPassword')} hint={t('userForm.resetHint')} error={errors.password} value={password} onInput={setPassword} type="password" autoComplete="new-password" required />
        <button type="submit" disabled={busy}>
          {t('userForm.reset')}
        </button>
      </form>
    </section>
  );
}
