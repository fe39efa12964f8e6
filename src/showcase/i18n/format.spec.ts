import { formatDate, formatDateTime, formatNumber, formatRupiah } from './format.js';

describe('showcase formats', () => {
  it('writes prices as Indonesian shops do', () => {
    expect(formatRupiah('id', 125_000)).toBe('Rp125.000');
    expect(formatRupiah('id', 1_800_000)).toBe('Rp1.800.000');
    expect(formatRupiah('id', 2_000)).toBe('Rp2.000');
    expect(formatRupiah('en', 125_000)).toBe('Rp125,000');
  });

  it('writes dates with Indonesian month names, on the WIB calendar unless told a zone', () => {
    expect(formatDate('id', '2026-12-06T03:00:00Z')).toBe('6 Desember 2026');
    expect(formatDate('en', '2026-12-06T03:00:00Z')).toBe('6 December 2026');
    // 01:00 WIB on 7 December is still 6 December in UTC.
    expect(formatDate('id', '2026-12-06T18:00:00Z')).toBe('7 Desember 2026');
    // 16:30 UTC is 23:30 WIB on the 6th but already 01:30 WIT on the 7th.
    expect(formatDate('id', '2026-12-06T16:30:00Z', 'WIB')).toBe('6 Desember 2026');
    expect(formatDate('id', '2026-12-06T16:30:00Z', 'WIT')).toBe('7 Desember 2026');
  });

  it("writes counts with the language's separators", () => {
    expect(formatNumber('id', 1234.5)).toBe('1.234,5');
    expect(formatNumber('en', 1234.5)).toBe('1,234.5');
  });

  it('writes a moment in the zone given, with a dot in Indonesian and the zone named', () => {
    expect(formatDateTime('id', '2026-12-06T06:30:00Z', 'WITA')).toBe('6 Desember 2026, 14.30 WITA');
    expect(formatDateTime('id', '2026-12-06T06:30:00Z', 'WIB')).toBe('6 Desember 2026, 13.30 WIB');
    expect(formatDateTime('id', '2026-12-06T06:30:00Z', 'WIT')).toBe('6 Desember 2026, 15.30 WIT');
    expect(formatDateTime('en', '2026-12-06T06:30:00Z', 'WITA')).toBe('6 December 2026, 14:30 WITA');
    // Midnight is 00.05, not 24.05; the date moves with the zone.
    expect(formatDateTime('id', '2026-12-06T15:05:00Z', 'WIT')).toBe('7 Desember 2026, 00.05 WIT');
    expect(formatDateTime('id', '2026-12-07T02:30:00Z')).toBe('7 Desember 2026, 09.30 WIB');
  });
});
