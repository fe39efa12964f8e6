import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en } from './en';
import { id, type MessageKey, type Messages } from './id';

export type Language = 'id' | 'en';
export type { MessageKey };

const CATALOGUES: Record<Language, Messages> = { id, en };
const STORAGE_KEY = 'etalase.console.language';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const messages = CATALOGUES[language];
  return (key, params) => messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}

/** Indonesian unless this phone chose English before. */
export function savedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

export function saveLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts until the page closes.
  }
}

export interface I18n {
  language: Language;
  t: Translate;
  setLanguage: (language: Language) => void;
}

export const I18nContext = createContext<I18n>({ language: 'id', t: translator('id'), setLanguage: () => undefined });

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** `Rp125.000`, as WEB.md writes money. */
export function rupiah(amount: number): string {
  return `Rp${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }).format(amount)}`;
}

/**
 * The words before and after the code in a message (`Pesanan {number}`), so the code can be
 * drawn on one line: an order number like ETL-2026-000042 would otherwise break at a hyphen on a
 * phone (a non-breaking hyphen instead would spoil copying it).
 */
export function aroundCode(message: (code: string) => string): [string, string] {
  const marker = '\u0000';
  const [before = '', after = ''] = message(marker).split(marker);
  return [before, after];
}

/** A calendar day (YYYY-MM-DD) as people write it: "6 Desember 2026", "6 December 2026". */
export function longDate(day: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}
