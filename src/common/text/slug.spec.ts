import { likePattern, SLUG_PATTERN, slugify } from './slug';

describe('slugify', () => {
  it.each([
    ['Lapas Kelas IIA Banjarmasin', 'lapas-kelas-iia-banjarmasin'],
    ['  Rutan  Pelaihari!! ', 'rutan-pelaihari'],
    ['Kripik Tempe "Labar" – Banjarbaru', 'kripik-tempe-labar-banjarbaru'],
    ['Café Déjà', 'cafe-deja'],
  ])('%s -> %s', (text, slug) => {
    expect(slugify(text)).toBe(slug);
    expect(SLUG_PATTERN.test(slug)).toBe(true);
  });

  it('cuts long text without a trailing hyphen', () => {
    const slug = slugify('a'.repeat(79) + ' b', 80);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('-')).toBe(false);
  });
});

describe('likePattern', () => {
  it('escapes LIKE wildcards so they match literally', () => {
    expect(likePattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
