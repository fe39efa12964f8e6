import { readFileSync } from 'node:fs';

/**
 * The horizontal advance of every character a TrueType font maps, read from its own `cmap`
 * (format 4, the Basic Multilingual Plane) and `hmtx` tables. The share images wrap and clip their
 * text by these widths, so what is measured is the font that is drawn (librsvg finds the same file
 * through fontconfig by its family name); kerning only ever makes a line narrower than measured.
 */
export class FontMetrics {
  private constructor(
    private readonly advances: Map<number, number>,
    private readonly unitsPerEm: number,
    /** For characters the font lacks (drawn from a fallback font, if any): a wide one, to err on the safe side. */
    private readonly fallbackAdvance: number,
  ) {}

  static fromFile(path: string): FontMetrics {
    return FontMetrics.fromBuffer(readFileSync(path));
  }

  static fromBuffer(font: Buffer): FontMetrics {
    const tables = tableOffsets(font);
    const head = required(tables, 'head');
    const hhea = required(tables, 'hhea');
    const hmtx = required(tables, 'hmtx');
    const unitsPerEm = font.readUInt16BE(head + 18);
    const metricsCount = font.readUInt16BE(hhea + 34);
    const advanceOf = (glyph: number): number => font.readUInt16BE(hmtx + 4 * Math.min(glyph, metricsCount - 1));
    const advances = new Map<number, number>();
    for (const [codePoint, glyph] of bmpGlyphs(font, required(tables, 'cmap'))) {
      if (glyph !== 0) advances.set(codePoint, advanceOf(glyph));
    }
    return new FontMetrics(advances, unitsPerEm, advances.get(0x57) ?? unitsPerEm); // 'W'
  }

  /** The width of `text` in pixels at `size` pixels per em. */
  width(text: string, size: number): number {
    let units = 0;
    for (const character of text) units += this.advances.get(character.codePointAt(0) ?? 0) ?? this.fallbackAdvance;
    return (units * size) / this.unitsPerEm;
  }
}

function tableOffsets(font: Buffer): Map<string, number> {
  const count = font.readUInt16BE(4);
  const tables = new Map<string, number>();
  for (let index = 0; index < count; index += 1) {
    const record = 12 + 16 * index;
    tables.set(font.toString('latin1', record, record + 4), font.readUInt32BE(record + 8));
  }
  return tables;
}

function required(tables: Map<string, number>, tag: string): number {
  const offset = tables.get(tag);
  if (offset === undefined) throw new Error(`Not a TrueType font this can measure: no ${tag} table`);
  return offset;
}

/** Code point to glyph id from the Windows Unicode BMP subtable (platform 3, encoding 1, format 4). */
function* bmpGlyphs(font: Buffer, cmap: number): Iterable<[number, number]> {
  const subtables = font.readUInt16BE(cmap + 2);
  let subtable: number | undefined;
  for (let index = 0; index < subtables; index += 1) {
    const record = cmap + 4 + 8 * index;
    const offset = cmap + font.readUInt32BE(record + 4);
    if (font.readUInt16BE(record) === 3 && font.readUInt16BE(record + 2) === 1 && font.readUInt16BE(offset) === 4) subtable = offset;
  }
  if (subtable === undefined) throw new Error('Not a TrueType font this can measure: no Unicode BMP cmap (3,1,4)');
  const segments = font.readUInt16BE(subtable + 6) / 2;
  const ends = subtable + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  for (let segment = 0; segment < segments; segment += 1) {
    const start = font.readUInt16BE(starts + 2 * segment);
    const end = font.readUInt16BE(ends + 2 * segment);
    const delta = font.readInt16BE(deltas + 2 * segment);
    const rangeOffsetAt = rangeOffsets + 2 * segment;
    const rangeOffset = font.readUInt16BE(rangeOffsetAt);
    for (let codePoint = start; codePoint <= end && codePoint !== 0xffff; codePoint += 1) {
      if (rangeOffset === 0) {
        yield [codePoint, (codePoint + delta) & 0xffff];
        continue;
      }
      const glyph = font.readUInt16BE(rangeOffsetAt + rangeOffset + 2 * (codePoint - start));
      yield [codePoint, glyph === 0 ? 0 : (glyph + delta) & 0xffff];
    }
  }
}
