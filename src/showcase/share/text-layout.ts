import type { FontMetrics } from './font-metrics.js';

const ELLIPSIS = '…';

/**
 * Text as one line of plain characters XML can carry: whitespace runs become one space, and
 * control characters and lone surrogates (which make an SVG unparseable) are dropped.
 */
export function plainLine(text: string): string {
  let out = '';
  // By code point: a lone surrogate comes out of the iteration on its own.
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += ' ';
    else if ((code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff) continue;
    else out += character;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** Text safe inside an SVG element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.codePointAt(0) ?? 0};`);
}

/**
 * `text` broken at spaces into at most `maxLines` lines no wider than `maxWidth`; what does not fit
 * ends the last line with an ellipsis. A word wider than a line is broken between characters.
 */
export function wrapText(text: string, font: FontMetrics, size: number, maxWidth: number, maxLines: number): string[] {
  const fits = (line: string): boolean => font.width(line, size) <= maxWidth;
  const words = plainLine(text).split(' ').filter((word) => word.length > 0);
  const lines: string[] = [];
  let current = '';
  let index = 0;
  while (index < words.length) {
    const word = words[index] ?? '';
    const candidate = current === '' ? word : `${current} ${word}`;
    if (fits(candidate)) {
      current = candidate;
      index += 1;
      continue;
    }
    if (current === '') {
      // One word alone is too wide: as many characters as fit, the rest as the next word.
      const characters = [...word];
      let taken = 1;
      while (taken < characters.length && fits(characters.slice(0, taken + 1).join(''))) taken += 1;
      current = characters.slice(0, taken).join('');
      words[index] = characters.slice(taken).join('');
    }
    lines.push(current);
    current = '';
    if (lines.length === maxLines) break;
  }
  if (current !== '' && lines.length < maxLines) lines.push(current);
  const clipped = lines.length === maxLines && index < words.length;
  if (clipped) lines[maxLines - 1] = withEllipsis(lines[maxLines - 1] ?? '', font, size, maxWidth);
  return lines;
}

/** `line` shortened (at a word if it can) until it and an ellipsis fit. */
function withEllipsis(line: string, font: FontMetrics, size: number, maxWidth: number): string {
  let characters = [...line];
  while (characters.length > 0 && font.width(`${characters.join('')}${ELLIPSIS}`, size) > maxWidth) characters = characters.slice(0, -1);
  const shortened = characters.join('').trimEnd();
  const lastSpace = shortened.lastIndexOf(' ');
  // Cut at a word boundary unless that throws away most of the line.
  const atWord = lastSpace > shortened.length * 0.6 && characters.length < [...line].length ? shortened.slice(0, lastSpace) : shortened;
  return `${atWord.replace(/[\s,.;:·-]+$/, '')}${ELLIPSIS}`;
}
