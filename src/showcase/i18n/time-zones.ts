/**
 * Indonesia's three legal time zones (Permen/Keppres 41/1987): WIB UTC+7, WITA UTC+8, WIT UTC+9.
 * None observes daylight saving, but the IANA zones are used anyway so a future change is the
 * tz database's to carry, not ours.
 */
export const TIME_ZONES = {
  WIB: 'Asia/Jakarta',
  WITA: 'Asia/Makassar',
  WIT: 'Asia/Jayapura',
} as const;
export type IndonesianTimeZone = keyof typeof TIME_ZONES;

/** The zone of the site when no facility is in question: the capital's, and most people's. */
export const DEFAULT_TIME_ZONE: IndonesianTimeZone = 'WIB';

/**
 * The zone of each of the 38 provinces, by Kemendagri code (the `province` table's key, seeded by
 * the ReferenceRegions migration). The schema stores no zone, and a province never changes zone
 * without a new law, so a table in code is the honest place; province.time-zones.spec.ts checks
 * it covers exactly the migration's provinces.
 */
export const PROVINCE_TIME_ZONES = {
  '11': 'WIB', // Aceh
  '12': 'WIB', // Sumatera Utara
  '13': 'WIB', // Sumatera Barat
  '14': 'WIB', // Riau
  '15': 'WIB', // Jambi
  '16': 'WIB', // Sumatera Selatan
  '17': 'WIB', // Bengkulu
  '18': 'WIB', // Lampung
  '19': 'WIB', // Kepulauan Bangka Belitung
  '21': 'WIB', // Kepulauan Riau
  '31': 'WIB', // DKI Jakarta
  '32': 'WIB', // Jawa Barat
  '33': 'WIB', // Jawa Tengah
  '34': 'WIB', // Daerah Istimewa Yogyakarta
  '35': 'WIB', // Jawa Timur
  '36': 'WIB', // Banten
  '51': 'WITA', // Bali
  '52': 'WITA', // Nusa Tenggara Barat
  '53': 'WITA', // Nusa Tenggara Timur
  '61': 'WIB', // Kalimantan Barat
  '62': 'WIB', // Kalimantan Tengah
  '63': 'WITA', // Kalimantan Selatan
  '64': 'WITA', // Kalimantan Timur
  '65': 'WITA', // Kalimantan Utara
  '71': 'WITA', // Sulawesi Utara
  '72': 'WITA', // Sulawesi Tengah
  '73': 'WITA', // Sulawesi Selatan
  '74': 'WITA', // Sulawesi Tenggara
  '75': 'WITA', // Gorontalo
  '76': 'WITA', // Sulawesi Barat
  '81': 'WIT', // Maluku
  '82': 'WIT', // Maluku Utara
  '91': 'WIT', // Papua
  '92': 'WIT', // Papua Barat
  '93': 'WIT', // Papua Selatan
  '94': 'WIT', // Papua Tengah
  '95': 'WIT', // Papua Pegunungan
  '96': 'WIT', // Papua Barat Daya
} as const satisfies Record<string, IndonesianTimeZone>;

/** A province's zone; an unknown code (a province added by a later migration) falls back to WIB. */
export function timeZoneOfProvince(provinceCode: string): IndonesianTimeZone {
  return (PROVINCE_TIME_ZONES as Record<string, IndonesianTimeZone>)[provinceCode] ?? DEFAULT_TIME_ZONE;
}

/**
 * The zone to show a moment in for several facilities (an order from more than one unit): theirs
 * when they share one, else WIB, the national reference, which the text names anyway.
 */
export function sharedTimeZone(zones: readonly IndonesianTimeZone[]): IndonesianTimeZone {
  const [first] = zones;
  return first !== undefined && zones.every((zone) => zone === first) ? first : DEFAULT_TIME_ZONE;
}
