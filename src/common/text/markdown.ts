import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const markdown = new Marked({ gfm: true, async: false });

/**
 * Markdown to the only HTML the site ever serves from text people typed (stories, product
 * descriptions): rendered by marked, then cut down by sanitize-html to an allow-list. No scripts,
 * styles, frames, forms, event handlers or inline styles survive; links must be http(s) or mailto;
 * images must come from our own media store (`mediaBase`), because a page is read by people whose
 * location an off-site image would leak.
 */
export function renderSafeMarkdown(source: string, mediaBase: string): string {
  const raw = markdown.parse(source) as string;
  return sanitizeHtml(raw, {
    allowedTags: ['p', 'br', 'hr', 'h2', 'h3', 'h4', 'blockquote', 'ul', 'ol', 'li', 'strong', 'em', 'del', 'code', 'pre', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
    allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'title'], ol: ['start'], code: ['class'], th: ['align'], td: ['align'] },
    allowedClasses: { code: ['language-*'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: {
      // The page's title is its only h1.
      h1: 'h2',
      h5: 'h4',
      h6: 'h4',
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow noopener noreferrer' } }),
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !isOurMedia(frame.attribs['src'], mediaBase),
  });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The words of a Markdown text without its markup, for a meta description, an Open Graph preview
 * or JSON-LD: rendered as HTML first (so `**a**`, links and lists read as a person reads them),
 * then every tag dropped and the entities sanitize-html wrote read back. Blocks become spaces.
 */
export function markdownToPlainText(source: string): string {
  const html = markdown.parse(source) as string;
  const text = sanitizeHtml(html.replace(/<\/(p|li|h\d|blockquote|tr|pre)>|<br\s*\/?>/g, ' $&'), { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
      return ENTITIES[name.toLowerCase()] ?? entity;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * An image URL inside our media folder. A browser (and most proxies and object stores) resolve
 * `..`, `.%2e`, `%2e%2e` and backslashes as dot segments and separators, so each of them, and the
 * percent-encoded `/`, `\` and `%` that smuggle them past one decoding, is refused outright; our
 * own keys never contain any of them. The URL parser's own reading must agree, too.
 */
function isOurMedia(src: string | undefined, mediaBase: string): boolean {
  if (src === undefined || !src.startsWith(mediaBase)) return false;
  const rest = src.slice(mediaBase.length);
  if (/\\|%(2e|2f|5c|25)/i.test(rest)) return false;
  if (rest.split(/[?#]/, 1)[0]?.split('/').some((segment) => segment === '.' || segment === '..')) return false;
  try {
    return new URL(src).href.startsWith(mediaBase);
  } catch {
    return false;
  }
}
