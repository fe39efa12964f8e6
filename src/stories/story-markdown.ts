import sanitizeHtml from 'sanitize-html';
import { renderSafeMarkdown } from '../common/text/markdown.js';

export interface RenderedStory {
  html: string;
  readingMinutes: number;
}

/** Words per minute for reading time; Indonesian prose reads at about the English rate. */
const WORDS_PER_MINUTE = 200;

/**
 * Markdown to the only HTML a story ever serves: the site's one sanitiser (common/text/markdown.ts;
 * product descriptions go through it too), plus the reading time.
 */
export function renderStoryMarkdown(source: string, mediaBase: string): RenderedStory {
  const html = renderSafeMarkdown(source, mediaBase);
  return { html, readingMinutes: readingMinutes(html) };
}

export function readingMinutes(html: string): number {
  const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} });
  const words = text.split(/\s+/).filter((word) => word.length > 0).length;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}
