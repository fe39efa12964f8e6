import { parseDocument } from 'htmlparser2';
import { type ChildNode, type Element, isTag, isText } from 'domhandler';

/** What a link-preview bot or a search engine reads from a page's head, parsed as HTML (not by regex). */
export interface ParsedPage {
  lang: string | undefined;
  title: string;
  /** `og:*`, `twitter:*`, `description`, `robots` ... by property or name; repeated ones in order. */
  meta: Map<string, string[]>;
  canonical: string | undefined;
  /** hreflang -> href of the alternate links. */
  alternates: Map<string, string>;
  /** Every JSON-LD block, parsed. */
  jsonLd: Record<string, unknown>[];
  /** The nonce of every style and script element. */
  nonces: (string | undefined)[];
  /** Every img element's attributes. */
  images: Record<string, string>[];
  /** Visible text of the body, whitespace collapsed. */
  text: string;
  /** Every link's href. */
  links: string[];
}

function elements(nodes: ChildNode[]): Element[] {
  const out: Element[] = [];
  const walk = (list: ChildNode[]): void => {
    for (const node of list) {
      if (isTag(node)) {
        out.push(node);
        walk(node.children);
      }
    }
  };
  walk(nodes);
  return out;
}

function textOf(nodes: ChildNode[]): string {
  return nodes
    .map((node) => {
      if (isText(node)) return node.data;
      if (isTag(node) && node.name !== 'script' && node.name !== 'style') return textOf(node.children);
      return '';
    })
    .join(' ');
}

export function parsePage(html: string): ParsedPage {
  const document = parseDocument(html);
  const all = elements(document.children);
  const meta = new Map<string, string[]>();
  const alternates = new Map<string, string>();
  const jsonLd: Record<string, unknown>[] = [];
  let canonical: string | undefined;
  for (const element of all) {
    const { attribs } = element;
    if (element.name === 'meta') {
      const key = attribs.property ?? attribs.name;
      if (key && attribs.content !== undefined) meta.set(key, [...(meta.get(key) ?? []), attribs.content]);
    }
    if (element.name === 'link' && attribs.rel === 'canonical') canonical = attribs.href;
    if (element.name === 'link' && attribs.rel === 'alternate' && attribs.hreflang && attribs.href) alternates.set(attribs.hreflang, attribs.href);
    if (element.name === 'script' && attribs.type === 'application/ld+json') {
      jsonLd.push(JSON.parse(element.children.map((child) => (isText(child) ? child.data : '')).join('')) as Record<string, unknown>);
    }
  }
  const body = all.find((element) => element.name === 'body');
  return {
    lang: all.find((element) => element.name === 'html')?.attribs.lang,
    title: textOf(all.find((element) => element.name === 'title')?.children ?? []).trim(),
    meta,
    canonical,
    alternates,
    jsonLd,
    nonces: all.filter((element) => element.name === 'style' || element.name === 'script').map((element) => element.attribs.nonce),
    images: all.filter((element) => element.name === 'img').map((element) => element.attribs),
    text: textOf(body?.children ?? []).replace(/\s+/g, ' ').trim(),
    links: all.filter((element) => element.name === 'a' && element.attribs.href).map((element) => element.attribs.href),
  };
}

/** The single value of a meta property, failing the test when it is missing or repeated. */
export function metaOf(page: ParsedPage, key: string): string {
  const values = page.meta.get(key) ?? [];
  if (values.length !== 1) throw new Error(`Expected one ${key}, found ${values.length}`);
  return values[0];
}

/** The JSON-LD block of a schema.org type. */
export function ldOf(page: ParsedPage, type: string): Record<string, unknown> {
  const found = page.jsonLd.filter((block) => block['@type'] === type);
  if (found.length !== 1) throw new Error(`Expected one ${type} JSON-LD block, found ${found.length}`);
  return found[0];
}
