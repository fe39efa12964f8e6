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
  /** A date picker where the phone has one; text otherwise. */
  date?: boolean;
  rows?: number;
  type?: 'text' | 'email' | 'password' | 'date';
  autoComplete?: string;
  children?: ComponentChildren;
}

/** A labelled control with its hint and its error beside it, both read out with the field. */
export function Field({ id, label, value, onInput, hint, error, required, select, multiline, inputMode, date, type = 'text', autoComplete, children, rows = 5 }: FieldProps) {
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
        <textarea {...common} rows={rows} value={value} onInput={(e) => onInput(e.currentTarget.value)} />
      ) : date || type === 'date' ? (
        <input {...common} type="date" value={value} onInput={(e) => onInput(e.currentTarget.value)} />
      ) : (
        // Preact types each kind of input apart: one element each.
        type === 'password' ? (
          <input {...common} type="password" autoComplete={autoComplete} value={value} onInput={(e) => onInput(e.currentTarget.value)} />
        ) : type === 'email' ? (
          <input {...common} type="email" autoComplete={autoComplete} value={value} onInput={(e) => onInput(e.currentTarget.value)} />
        ) : (
          <input {...common} type="text" autoComplete={autoComplete} inputMode={inputMode} value={value} onInput={(e) => onInput(e.currentTarget.value)} />
        )
      )}
      {error && (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
