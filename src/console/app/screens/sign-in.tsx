import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import { signIn, type Me } from '../lib/api';

export function SignInScreen({ expired, onSignedIn }: { expired: boolean; onSignedIn: (user: Me) => void }) {
  const { t } = useI18n();
  // The password is never kept; the email is, like any other field.
  const [email, setEmail] = useState(() => localStorage.getItem('etalase.console.email') ?? '');
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<string | undefined>(expired ? t('signIn.expired') : undefined);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    setBusy(true);
    try {
      const result = await signIn(email.trim(), password);
      if ('user' in result) {
        localStorage.setItem('etalase.console.email', email.trim());
        onSignedIn(result.user);
        return;
      }
      const { problem, retryAfter } = result;
      if (problem.code === 'RATE_LIMITED') setMessage(t('signIn.throttled', { seconds: retryAfter ?? 60 }));
      else if (problem.status === 401 || problem.status === 400) setMessage(t('signIn.wrong'));
      else setMessage(t('error.server'));
    } catch {
      setMessage(t('app.offline'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card narrow">
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      {message && (
        <p class="alert" role="alert">
          {message}
        </p>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <label for="email">{t('signIn.email')}</label>
        <input id="email" type="email" autoComplete="username" inputMode="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        <label for="password">{t('signIn.password')}</label>
        <input id="password" type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        <button type="submit" class="primary" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
    </section>
  );
}
