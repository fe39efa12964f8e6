import { join } from 'node:path';
import { FontMetrics } from './font-metrics';
import { FONT_DIR } from './share-card';
import { escapeXml, plainLine, wrapText } from './text-layout';

const bold = FontMetrics.fromFile(join(FONT_DIR, 'DejaVuSans-Bold.ttf'));

describe('share card text layout', () => {
  it('measures DejaVu Sans Bold by its own advance widths', () => {
    // DejaVu Sans Bold: 2048 units per em; "W" is wider than "i", a space narrower than a digit.
    expect(bold.width('W', 100)).toBeGreaterThan(bold.width('i', 100) * 2);
    expect(bold.width('Rp125.000', 64)).toBeCloseTo(bold.width('Rp', 64) + bold.width('125.000', 64), 6);
    expect(bold.width('', 64)).toBe(0);
  });

  it('keeps text that fits on one line as it is', () => {
    expect(wrapText('Kain Sasirangan', bold, 54, 1000, 2)).toEqual(['Kain Sasirangan']);
    expect(wrapText('  Kain \n\t Sasirangan  ', bold, 54, 1000, 2)).toEqual(['Kain Sasirangan']);
    expect(wrapText('', bold, 54, 1000, 2)).toEqual([]);
  });

  it('breaks at spaces, every line within the width, and ends cut text with an ellipsis', () => {
    const width = 500;
    const lines = wrapText('Kain Sasirangan Motif Gigi Haruan Warna Alam Dicelup Tangan', bold, 54, width, 2);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(bold.width(line, 54)).toBeLessThanOrEqual(width);
    expect(lines[0]).toBe('Kain Sasirangan');
    expect(lines[1]).toMatch(/^Motif .*…$/);
  });

  it('breaks a word wider than a line between characters', () => {
    const lines = wrapText('Supercalifragilisticexpialidocious', bold, 54, 300, 2);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(bold.width(line, 54)).toBeLessThanOrEqual(300);
    expect(lines[1]).toMatch(/…$/);
  });

  it('drops what XML cannot carry and escapes what it would read as markup', () => {
    expect(plainLine('a\u0000b\u0007c\ud800d\u009fe')).toBe('a b cd e');
    expect(plainLine('Kopi ☕ 𝓐')).toBe('Kopi ☕ 𝓐');
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });
});
