import { csvField, csvLine } from './csv';

describe('CSV fields', () => {
  it('writes raw numbers (no thousands separators) and plain text as is', () => {
    expect(csvLine([1250000, 'Lapas Banjarmasin', null])).toBe('1250000,Lapas Banjarmasin,\r\n');
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvField('Kain "Sasirangan", motif')).toBe('"Kain ""Sasirangan"", motif"');
    expect(csvField('baris\nbaru')).toBe('"baris\nbaru"');
  });

  it.each(['=HYPERLINK("x")', '+1', '-1+2', '@SUM(A1)'])('neutralises the formula-like text %j', (text) => {
    expect(csvField(text).replace(/^"|"$/g, '').startsWith("'")).toBe(true);
  });
});
