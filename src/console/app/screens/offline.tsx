import { useI18n } from '../i18n/i18n';

/** The one message every screen gives when the API could not be reached, with a button to try again. */
export function Offline({ onRetry }: { onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <p class="alert" role="alert">
      {t('app.offline')}{' '}
      <button type="button" onClick={onRetry}>
        {t('app.retry')}
      </button>
    </p>
  );
}
