import { readingMinutes, renderStoryMarkdown } from './story-markdown';

const MEDIA = 'https://etalase.example/media/';
const render = (markdown: string): string => renderStoryMarkdown(markdown, MEDIA).html;

/** Payloads from the OWASP XSS filter evasion cheat sheet and friends, as an author might paste them. */
const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  `<img src="${MEDIA}a.webp" onerror="alert(1)">`,
  '<IMG SRC="javascript:alert(\'XSS\');">',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<img src="jav&#x09;ascript:alert(1);">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<body onload=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<a href="javascript:alert(1)">klik</a>',
  '<a href="JAVASCRIPT:alert(1)">klik</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">klik</a>',
  '<a href=" javascript:alert(1)">klik</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">klik</a>',
  '<a href="vbscript:msgbox(1)">klik</a>',
  '[klik](javascript:alert(1))',
  '[klik](JaVaScRiPt:alert(1))',
  '[klik](javascript&#58;alert(1))',
  '![x](javascript:alert(1))',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<p style="width: expression(alert(1))">x</p>',
  '<style>@import "https://evil.example/x.css";</style>',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<form action="javascript:alert(1)"><input type="submit"></form>',
  '<details open ontoggle=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<a href="#" onclick="alert(1)">klik</a>',
  '<marquee onstart=alert(1)>',
  '<base href="javascript:alert(1)//">',
  '<input autofocus onfocus=alert(1)>',
  '<video><source onerror="alert(1)"></video>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
];

const FORBIDDEN = [/<script/i, /\son\w+\s*=/i, /javascript:/i, /vbscript:/i, /data:text\/html/i, /<iframe/i, /<object/i, /<embed/i, /<svg/i, /<style/i, /style=/i, /<form/i, /<input/i, /<meta/i, /<link/i, /<base/i, /evil\.example/i];

describe('story Markdown rendering', () => {
  it.each(XSS_PAYLOADS)('leaves nothing executable of %s', (payload) => {
    const html = render(`Cerita dari bengkel.\n\n${payload}\n\nSelesai.`);
    for (const pattern of FORBIDDEN) expect(html).not.toMatch(pattern);
    expect(html).toContain('Cerita dari bengkel.');
  });

  it('keeps the text after a payload that closes what it opened', () => {
    expect(render('Awal.\n\n<script>alert(1)</script>\n\nSelesai.')).toBe('<p>Awal.</p>\n<p>Selesai.</p>\n');
  });

  it('keeps ordinary Markdown: headings, emphasis, lists, quotes, links, tables', () => {
    const html = render('## Panen lele\n\nHari ini **80 kg** lele dipanen, _segar_.\n\n- kolam 1\n- kolam 2\n\n> Kerja keras terbayar.\n\n[Lihat produk](https://etalase.example/produk/lele)\n\n| kolam | kg |\n| --- | --- |\n| 1 | 40 |');
    expect(html).toContain('<h2>Panen lele</h2>');
    expect(html).toContain('<strong>80 kg</strong>');
    expect(html).toContain('<em>segar</em>');
    expect(html).toContain('<li>kolam 1</li>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<a href="https://etalase.example/produk/lele" rel="nofollow noopener noreferrer">Lihat produk</a>');
    expect(html).toContain('<td>40</td>');
  });

  it('keeps images from our media store and drops every other image', () => {
    const html = render(`![Roti pagi](${MEDIA}ab/abc-1200.webp)\n\n![Luar](https://elsewhere.example/x.jpg)\n\n![Relatif](//elsewhere.example/x.jpg)\n\n![Naik](${MEDIA}../secrets.webp)\n\n![Mirip](https://etalase.example/media.evil/x.webp)`);
    expect(html).toContain(`<img src="${MEDIA}ab/abc-1200.webp" alt="Roti pagi" />`);
    expect(html).not.toContain('elsewhere.example');
    expect(html).not.toContain('secrets');
    expect(html).not.toContain('media.evil');
  });

  it.each([
    ['a percent-encoded parent segment', '%2e%2e/secrets.webp'],
    ['an upper-case one', '%2E%2E/secrets.webp'],
    ['half encoded', '.%2e/secrets.webp'],
    ['half encoded the other way', '%2e./secrets.webp'],
    ['deeper', 'ab/%2e%2e/%2e%2e/secrets.webp'],
    ['a single encoded dot segment', 'ab/%2e/secrets.webp'],
    ['an encoded slash', 'ab%2f..%2fsecrets.webp'],
    ['double encoding', '%252e%252e/secrets.webp'],
    ['a backslash', 'ab\\..\\secrets.webp'],
    ['an encoded backslash', 'ab%5c..%5csecrets.webp'],
    ['a dot segment', 'ab/./secrets.webp'],
  ])('drops an image whose path climbs out of the media folder: %s', (_label, path) => {
    for (const html of [render(`![x](${MEDIA}${path})`), render(`<img src="${MEDIA}${path}" alt="x">`)]) {
      expect(html).not.toContain('<img');
    }
  });

  it('keeps an ordinary media path with a query', () => {
    expect(render(`<img src="${MEDIA}images/ab/abc/large.webp?v=2" alt="x">`)).toContain(`<img src="${MEDIA}images/ab/abc/large.webp?v=2"`);
  });

  it('demotes a heading 1 (the title is the only h1) and escapes what is text', () => {
    expect(render('# Judul')).toBe('<h2>Judul</h2>\n');
    expect(render('1 < 2 & 3 > 2')).toContain('1 &lt; 2 &amp; 3 &gt; 2');
  });

  it('counts reading time at 200 words a minute, at least one minute', () => {
    expect(readingMinutes('<p>satu dua tiga</p>')).toBe(1);
    expect(readingMinutes(`<p>${'kata '.repeat(1000)}</p>`)).toBe(5);
    expect(renderStoryMarkdown('kata '.repeat(610), MEDIA).readingMinutes).toBe(3);
  });
});
