import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROVINCE_TIME_ZONES, sharedTimeZone, timeZoneOfProvince } from './time-zones.js';

/** The provinces the database knows: every `('63', 'ID-KS', 'Kalimantan Selatan', ...)` row the migrations insert. */
function migratedProvinces(): Map<string, string> {
  const dir = join(__dirname, '../../../migrations');
  const provinces = new Map<string, string>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
    for (const match of readFileSync(join(dir, file), 'utf8').matchAll(/\('(\d{2})', 'ID-[A-Z]{2}', '([^']+)'/g)) provinces.set(match[1] ?? '', match[2] ?? '');
  }
  return provinces;
}

describe('province time zones', () => {
  it('name a zone for exactly the 38 provinces the migrations create', () => {
    const provinces = migratedProvinces();
    expect(provinces.size).toBe(38);
    expect(Object.keys(PROVINCE_TIME_ZONES).sort()).toEqual([...provinces.keys()].sort());
  });

  it('follow the law: western, central and eastern Indonesia', () => {
    const zoneOf = (name: string): string => {
      const code = [...migratedProvinces()].find(([, province]) => province === name)?.[0];
      return timeZoneOfProvince(code ?? '');
    };
    for (const name of ['Aceh', 'DKI Jakarta', 'Jawa Timur', 'Kalimantan Barat', 'Kalimantan Tengah', 'Kepulauan Riau']) expect([name, zoneOf(name)]).toEqual([name, 'WIB']);
    for (const name of ['Bali', 'Nusa Tenggara Timur', 'Kalimantan Selatan', 'Kalimantan Utara', 'Sulawesi Selatan', 'Gorontalo']) expect([name, zoneOf(name)]).toEqual([name, 'WITA']);
    for (const name of ['Maluku', 'Maluku Utara', 'Papua', 'Papua Barat Daya', 'Papua Pegunungan']) expect([name, zoneOf(name)]).toEqual([name, 'WIT']);
    const counts = Object.values(PROVINCE_TIME_ZONES).reduce<Record<string, number>>((all, zone) => ({ ...all, [zone]: (all[zone] ?? 0) + 1 }), {});
    expect(counts).toEqual({ WIB: 18, WITA: 12, WIT: 8 });
  });

  it('fall back to WIB for a code it does not know', () => {
    expect(timeZoneOfProvince('99')).toBe('WIB');
  });
});

describe('the zone of several facilities', () => {
  it('is theirs when they share one, else WIB', () => {
    expect(sharedTimeZone(['WITA', 'WITA'])).toBe('WITA');
    expect(sharedTimeZone(['WIT'])).toBe('WIT');
    expect(sharedTimeZone(['WITA', 'WIT'])).toBe('WIB');
    expect(sharedTimeZone([])).toBe('WIB');
  });
});
