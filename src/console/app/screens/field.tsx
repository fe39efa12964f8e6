import type { ComponentChildren } from 'preact';

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string;
  /** Already in the reader's language (lib/problems.ts). */
  error?: string;
  required?: boolean;
  select?: boolean;
  multiline?: boolean;
  inputMode?: 'numeric' | 'text';
  /** A date picker on phones (value as 2027-04-01). */
  type?: 'text' | 'date';
  children?: ComponentChildren;
}

/** A labelled control with its hint and its error beside it, both read out with the field. */
export function Field({ id, label, value, onInput, hint, error, required, select, multiline, inputMode, type, children }: FieldProps) {
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const common = { id, name: id, required, 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': described };
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {select ? (
        <select {...common} value={value} onChange={(e) => onInput(e.currentTarget.value)}>
          {children}
        </select>
      ) : multiline ? (
        <textarea {...common} rows={5} value={value} onInput={(e) => onInput(e.currentTarget.value)} />
      ) : type === 'date' ? (
        <input {...common} type="date" value={value} onInput={(e) => onInput(e.currentTarget.value)} />
      ) : (
        <input {...common} type="text" inputMode={inputMode} value={value} onInput={(e) => onInput(e.currentTarget.value)} />
      )}
      {error && (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
