import fc from 'fast-check';
import { parseCsv, startsLikeFormula } from '../../test/support/csv-parse';
import { csvField, csvLine } from './csv';

const HOSTILE = [
  '=HYPERLINK("http://evil.example","klik")',
  'abc;=HYPERLINK("http://evil.example")',
  'Batik;@SUM(1+1)*cmd|\' /C calc\'!A0',
  'x,-2+3',
  'Tas\n=1+1',
  'Tas\r\n+1',
  'Tas\r=1',
  '"; =1',
  'Kain;"=2"',
  'a; \t=1',
  '\t=1',
  ' @x',
  'a;;=1',
  'a,"",=1',
];

describe('CSV fields', () => {
  it('writes raw numbers (no thousands separators) and plain text as is', () => {
    expect(csvLine([1250000, 'Lapas Banjarmasin', null])).toBe('1250000,Lapas Banjarmasin,\r\n');
    expect(csvLine([-1500, 'Kain - motif', 'Rp 1.000'])).toBe('-1500,Kain - motif,Rp 1.000\r\n');
  });

  it('quotes commas, semicolons, quotes and line breaks', () => {
    expect(csvField('Kain "Sasirangan", motif')).toBe('"Kain ""Sasirangan"", motif"');
    expect(csvField('baris\nbaru')).toBe('"baris\nbaru"');
    expect(csvField('satu; dua')).toBe('"satu; dua"');
  });

  it.each(['=HYPERLINK("x")', '+1', '-1+2', '@SUM(A1)'])('neutralises the formula-like text %j', (text) => {
    expect(csvField(text).replace(/^"|"$/g, '').startsWith("'")).toBe(true);
  });

  it.each(HOSTILE)('leaves no cell that starts like a formula in %j, whether read with "," or ";"', (text) => {
    const file = csvLine(['id-1', text, -1500, text]) + csvLine([text, 7, null, 'ok']);
    for (const separator of [',', ';'] as const) {
      const cells = parseCsv(file, separator).flat();
      expect({ separator, formulas: cells.filter(startsLikeFormula) }).toEqual({ separator, formulas: [] });
    }
  });

  it('keeps every value (but for the added apostrophes) when read back with ","', () => {
    expect(parseCsv(csvLine(HOSTILE), ',')[0]?.map((cell) => cell.replace(/'/g, ''))).toEqual(HOSTILE.map((text) => text.replace(/'/g, '')));
  });

  it('holds for any text: no formula start under either separator, values intact under ","', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '=', '+', '-', '@', '\t', '\r', '\n', ',', ';', '"', "'", '1') });
    const cell = fc.oneof(text, fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.constant(null));
    // Reports lead every line with a key (text) or a count, never a negative amount: read with ';'
    // such a line would be one cell starting with '-', however the rest is written.
    const first = fc.oneof(text, fc.nat(), fc.constant(null));
    const row = fc.tuple(first, fc.array(cell, { maxLength: 4 })).map(([head, rest]) => [head, ...rest]);
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 4 }), (rows) => {
        const file = rows.map(csvLine).join('');
        for (const separator of [',', ';'] as const) {
          expect(parseCsv(file, separator).flat().filter(startsLikeFormula)).toEqual([]);
        }
        const back = parseCsv(file, ',').map((row) => row.map((value) => value.replace(/'/g, '')));
        expect(back).toEqual(rows.map((row) => row.map((value) => (value === null ? '' : String(value).replace(/'/g, '')))));
      }),
      { numRuns: 2000 },
    );
  });
});
