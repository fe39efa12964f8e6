import { useState } from 'preact/hooks';

const PREFIX = 'etalase.console.draft:';

function read<T>(key: string): Partial<T> | undefined {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw === null ? undefined : (JSON.parse(raw) as Partial<T>);
  } catch {
    return undefined;
  }
}

function remove(key: string): void {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    // Nothing was kept.
  }
}

export interface Draft<T> {
  value: T;
  /** The form came back from a kept draft (the screen says so and offers to discard it). */
  restored: boolean;
  /** A change typed by the person: kept on the phone at once. */
  set: (next: T) => void;
  /** The server's version replaces the form (loaded or saved): the kept draft goes. */
  reset: (value: T) => void;
}

/**
 * Form state that survives a dropped connection, an expired session or a closed tab: every change
 * is written to localStorage under `key` until the form is saved. Mount the form with a `key` prop
 * equal to the draft key so another product starts from its own draft.
 */
export function useDraft<T extends object>(key: string, initial: T): Draft<T> {
  const [state, setState] = useState<{ value: T; restored: boolean }>(() => {
    const saved = read<T>(key);
    return saved ? { value: { ...initial, ...saved }, restored: true } : { value: initial, restored: false };
  });
  return {
    ...state,
    set: (next) => {
      setState({ value: next, restored: state.restored });
      try {
        localStorage.setItem(PREFIX + key, JSON.stringify(next));
      } catch {
        // Storage full or private mode: the form still works, only without a safety copy.
      }
    },
    reset: (value) => {
      remove(key);
      setState({ value, restored: false });
    },
  };
}

export function hasDraft(key: string): boolean {
  return read(key) !== undefined;
}
