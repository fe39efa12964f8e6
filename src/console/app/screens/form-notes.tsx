import type { VNode } from 'preact';
import { useI18n } from '../i18n/i18n';
import type { FormMessage } from '../lib/form-submit';

/** Above a form that came back from a kept draft (lib/drafts.ts): says so, and offers to discard it. */
export function DraftNote({ onDiscard }: { onDiscard: () => void }) {
  const { t } = useI18n();
  return (
    <p class="note" role="status">
      {t('form.draftRestored')}{' '}
      <button type="button" class="link" onClick={onDiscard}>
        {t('form.discardDraft')}
      </button>
    </p>
  );
}

/** A form's sentence: an alert for what went wrong, a status for what was done (both read out). */
export function Said({ message }: { message: FormMessage | undefined }) {
  if (!message) return null;
  return (
    <p class={message.kind === 'alert' ? 'alert' : 'ok'} role={message.kind}>
      {message.text}
    </p>
  );
}

/** An edit screen whose record is not there (or is another scope's: the API answers 404 alike). */
export function NotFound({ back, title, text }: { back: VNode; title: string; text: string }) {
  return (
    <section>
      {back}
      <h1>{title}</h1>
      <p class="alert" role="alert">
        {text}
      </p>
    </section>
  );
}
