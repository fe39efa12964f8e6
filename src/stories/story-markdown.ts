import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

export interface RenderedStory {
  html: string;
  readingMinutes: number;
}

const markdown = new Marked({ gfm: true, async: false });

/** Words per minute for reading time; Indonesian prose reads at about the English rate. */
const WORDS_PER_MINUTE = 200;

/**
 * Markdown to the only HTML a story ever serves: rendered by marked, then cut down by
 * sanitize-html to an allow-list. No scripts, styles, frames, forms, event handlers or inline
 * styles survive; links must be http(s) or mailto; images must come from our own media store
 * (`mediaBase`), because a story is read by people whose location an off-site image would leak.
 */
export function renderStoryMarkdown(source: string, mediaBase: string): RenderedStory {
  const raw = markdown.parse(source) as string;
  const html = sanitizeHtml(raw, {
    allowedTags: ['p', 'br', 'hr', 'h2', 'h3', 'h4', 'blockquote', 'ul', 'ol', 'li', 'strong', 'em', 'del', 'code', 'pre', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
    allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'title'], ol: ['start'], code: ['class'], th: ['align'], td: ['align'] },
    allowedClasses: { code: ['language-*'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: {
      // The story's title is its only h1.
      h1: 'h2',
      h5: 'h4',
      h6: 'h4',
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow noopener noreferrer' } }),
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !isOurMedia(frame.attribs['src'], mediaBase),
  });
  return { html, readingMinutes: readingMinutes(html) };
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

export function readingMinutes(html: string): number {
  const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} });
  const words = text.split(/\s+/).filter((word) => word.length > 0).length;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}
