import { useState, type Dispatch, type StateUpdater } from 'preact/hooks';
import { useI18n, type Translate } from '../i18n/i18n';
import { asProblem, type Problem } from './api';
import { readProblem, type FieldErrors, type ReadProblem } from './problems';

/** A sentence above a form: what went wrong (`alert`) or what was done (`status`). */
export interface FormMessage {
  text: string;
  kind: 'alert' | 'status';
}

export interface FormSubmit {
  /** A request is on its way: the form's buttons wait for it. */
  busy: boolean;
  /** The last answer's words beside their fields, by field id. */
  errors: FieldErrors;
  setErrors: Dispatch<StateUpdater<FieldErrors>>;
  message: FormMessage | undefined;
  say: (message: FormMessage | undefined) => void;
  /**
   * Sends: busy meanwhile, the last answer's field errors (and, unless `keepMessage`, its sentence)
   * gone first, and the offline sentence if the request never reached the API. `send` says how it went.
   */
  submit: (send: () => Promise<void>, options?: { keepMessage?: boolean }) => Promise<void>;
  /** A refused request: the problem's words beside their fields, the rest above the form. */
  failed: (error: unknown, status: number) => void;
  /** What the form edits could not be loaded: the problem in one sentence above the form. */
  notLoaded: (error: unknown, status: number) => void;
}

interface Options {
  /** The form's own words for the API's fields and codes (default: the shared catalogue's). */
  read?: (problem: Problem, t: Translate) => ReadProblem;
  /** What the form opens with (a screen that was moved to after a save carries them over). */
  errors?: FieldErrors;
  message?: FormMessage;
}

/** The saving state, field errors and sentence of a console form that is sent to the API. */
export function useFormSubmit({ read = readProblem, errors: initialErrors = {}, message: initialMessage }: Options = {}): FormSubmit {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>(initialErrors);
  const [message, setMessage] = useState<FormMessage | undefined>(initialMessage);

  return {
    busy,
    errors,
    setErrors,
    message,
    say: setMessage,
    async submit(send, { keepMessage = false } = {}) {
      setBusy(true);
      setErrors({});
      if (!keepMessage) setMessage(undefined);
      try {
        await send();
      } catch {
        setMessage({ text: t('app.offline'), kind: 'alert' });
      } finally {
        setBusy(false);
      }
    },
    failed(error, status) {
      const problem = read(asProblem(error, status), t);
      setErrors(problem.fields);
      setMessage(problem.message ? { text: problem.message, kind: 'alert' } : undefined);
    },
    notLoaded(error, status) {
      setMessage({ text: read(asProblem(error, status), t).message ?? t('error.generic'), kind: 'alert' });
    },
  };
}
