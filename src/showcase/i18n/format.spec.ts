import { formatDate, formatDateTime, formatNumber, formatRupiah } from './format.js';

describe('showcase formats', () => {
  it('writes prices as Indonesian shops do', () => {
    expect(formatRupiah('id', 125_000)).toBe('Rp125.000');
    expect(formatRupiah('id', 1_800_000)).toBe('Rp1.800.000');
    expect(formatRupiah('id', 2_000)).toBe('Rp2.000');
    expect(formatRupiah('en', 125_000)).toBe('Rp125,000');
  });

  it('writes dates with Indonesian month names, on the WIB calendar', () => {
    expect(formatDate('id', '2026-12-06T03:00:00Z')).toBe('6 Desember 2026');
    expect(formatDate('en', '2026-12-06T03:00:00Z')).toBe('6 December 2026');
    // 01:00 WIB on 7 December is still 6 December in UTC.
    expect(formatDate('id', '2026-12-06T18:00:00Z')).toBe('7 Desember 2026');
  });

  it('writes counts with the language\'s separators', () => {
    expect(formatNumber('id', 1234.5)).toBe('1.234,5');
    expect(formatNumber('en', 1234.5)).toBe('1,234.5');
  });

  it('writes a deadline with its time in WIB', () => {
    expect(formatDateTime('id', '2026-12-07T02:30:00Z')).toBe('7 Desember 2026 pukul 09.30 WIB');
    expect(formatDateTime('en', '2026-12-07T02:30:00Z')).toBe('7 December 2026 at 09:30 WIB');
  });
});
