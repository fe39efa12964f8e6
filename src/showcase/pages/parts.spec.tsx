import { clip, plainText, srcset } from './parts.js';

describe('page parts', () => {
  it('gives every WebP variant its real width, portrait photos included, never enlarged', () => {
    const urls = { thumbUrl: 't.webp', mediumUrl: 'm.webp', largeUrl: 'l.webp', alt: '' };
    expect(srcset({ ...urls, width: 1200, height: 800 })).toBe('t.webp 200w, m.webp 600w, l.webp 1200w');
    expect(srcset({ ...urls, width: 800, height: 1200 })).toBe('t.webp 133w, m.webp 400w, l.webp 800w');
    // A 500 px upload is stored at 500 px in the medium and large variants.
    expect(srcset({ ...urls, width: 500, height: 400 })).toBe('t.webp 200w, m.webp 500w, l.webp 500w');
  });

  it('turns Markdown into plain text and clips it at a word', () => {
    expect(plainText('Kain **sasirangan** [motif](https://x) ![foto](a.png) _bagus_')).toBe('Kain sasirangan motif bagus');
    expect(plainText('# Judul\n\n- satu &amp; dua\n- `tiga` <b>empat</b>\n\n> kutip "ya"')).toBe('Judul satu & dua tiga empat kutip "ya"');
    expect(clip('satu dua tiga empat', 12)).toBe('satu dua…');
    expect(clip('pendek', 12)).toBe('pendek');
  });
});
