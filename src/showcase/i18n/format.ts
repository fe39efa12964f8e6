import type { Language } from '../../common/web/web-paths.js';
import { DEFAULT_TIME_ZONE, type IndonesianTimeZone, TIME_ZONES } from './time-zones.js';

export { type IndonesianTimeZone, sharedTimeZone, timeZoneOfProvince } from './time-zones.js';

/** Number formats per language: Indonesian groups thousands with dots (125.000), English with commas. */
const NUMBERS: Record<Language, Intl.NumberFormat> = { id: new Intl.NumberFormat('id-ID'), en: new Intl.NumberFormat('en-GB') };
const DECIMALS: Record<Language, Intl.NumberFormat> = {
  id: new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
};
const LOCALES: Record<Language, string> = { id: 'id-ID', en: 'en-GB' };
/** Indonesians write the time with a dot (14.30); English readers expect a colon. */
const TIME_SEPARATORS: Record<Language, string> = { id: '.', en: ':' };

type Formats = Record<Language, Record<IndonesianTimeZone, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>>;

/** Built once: Intl formatters are costly to make and cheap to reuse. */
const FORMATS = Object.fromEntries(
  (['id', 'en'] as const).map((language) => [
    language,
    Object.fromEntries(
      Object.entries(TIME_ZONES).map(([zone, timeZone]) => [
        zone,
        {
          date: new Intl.DateTimeFormat(LOCALES[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone }),
          time: new Intl.DateTimeFormat(LOCALES[language], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }),
        },
      ]),
    ),
  ]),
) as Formats;

/** `Rp125.000`: no space and no decimals, as Indonesian shops write prices (Intl's currency style adds both). */
export function formatRupiah(language: Language, rupiah: number): string {
  return `Rp${NUMBERS[language].format(rupiah)}`;
}

export function formatNumber(language: Language, value: number): string {
  return DECIMALS[language].format(value);
}

/**
 * A date as people write it (`6 Desember 2026`), on the calendar of the zone given (the
 * facility's; WIB when none is in question): something published at 01:00 WIB is dated that day,
 * not the UTC day before.
 */
export function formatDate(language: Language, isoDate: string, zone: IndonesianTimeZone = DEFAULT_TIME_ZONE): string {
  return FORMATS[language][zone].date.format(new Date(isoDate));
}

/**
 * A moment that matters (a payment deadline, opening of a pickup), in the facility's zone and
 * saying which: `6 Desember 2026, 14.30 WITA`. The time is assembled from its parts because ICU
 * versions disagree on the Indonesian separator (some write 14:30, some 14.30).
 */
export function formatDateTime(language: Language, isoDate: string, zone: IndonesianTimeZone = DEFAULT_TIME_ZONE): string {
  const when = new Date(isoDate);
  const formats = FORMATS[language][zone];
  const parts = formats.time.formatToParts(when);
  const hour = parts.find((part) => part.type === 'hour')?.value ?? '00';
  const minute = parts.find((part) => part.type === 'minute')?.value ?? '00';
  return `${formats.date.format(when)}, ${hour}${TIME_SEPARATORS[language]}${minute} ${zone}`;
}
