import type { Language } from '../../common/web/web-paths.js';

/** Number formats per language: Indonesian groups thousands with dots (125.000), English with commas. */
const NUMBERS: Record<Language, Intl.NumberFormat> = { id: new Intl.NumberFormat('id-ID'), en: new Intl.NumberFormat('en-GB') };
const DECIMALS: Record<Language, Intl.NumberFormat> = {
  id: new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
};

/**
 * Dates as people write them (`6 Desember 2026`), on the calendar of western Indonesia: a story
 * published at 01:00 WIB is dated that day, not the UTC day before.
 */
const DATES: Record<Language, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Asia/Jakarta' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Asia/Jakarta' }),
};

/** `Rp125.000`: no space and no decimals, as Indonesian shops write prices (Intl's currency style adds both). */
export function formatRupiah(language: Language, rupiah: number): string {
  return `Rp${NUMBERS[language].format(rupiah)}`;
}

export function formatNumber(language: Language, value: number): string {
  return DECIMALS[language].format(value);
}

export function formatDate(language: Language, isoDate: string): string {
  return DATES[language].format(new Date(isoDate));
}

const TIMES: Record<Language, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Jakarta' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Jakarta' }),
};

/** A moment that matters (a payment deadline), in western Indonesian time, saying so: `7 Desember 2026 pukul 09.30 WIB`. */
export function formatDateTime(language: Language, isoDate: string): string {
  return `${TIMES[language].format(new Date(isoDate))} WIB`;
}
