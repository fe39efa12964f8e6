/**
 * The showcase's JSX runtime: TSX compiles (SWC, classic runtime, `h`) to calls that build HTML
 * strings. Everything is escaped unless it is already SafeHtml, so a product name can never
 * become markup; the only ways to write raw text are raw() (trusted, e.g. sanitised story HTML)
 * and jsonLd().
 */
export class SafeHtml {
  constructor(readonly html: string) {}

  toString(): string {
    return this.html;
  }
}

export type Child = SafeHtml | string | number | boolean | null | undefined | readonly Child[];
type AttributeValue = string | number | boolean | null | undefined;
type Props = Record<string, unknown> & { children?: Child };
type Component = (props: Props) => SafeHtml;

/** Elements without content or end tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const SPECIAL = /[&<>"']/;

export function escapeHtml(text: string): string {
  // Most text has nothing to escape: a test is cheaper than a replace with a callback (issue 18).
  if (!SPECIAL.test(text)) return text;
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** Attribute names already checked: a page writes the same few hundred times (issue 18). */
const ATTRIBUTE_NAMES = new Set<string>();

function checkAttributeName(name: string): void {
  if (ATTRIBUTE_NAMES.has(name)) return;
  if (!/^[a-zA-Z][a-zA-Z0-9:_.-]*$/.test(name)) throw new Error(`Not an attribute name: ${name}`);
  // Names come from the templates, not from data: the set stays small. The bound is a safeguard.
  if (ATTRIBUTE_NAMES.size < 1000) ATTRIBUTE_NAMES.add(name);
}

/** Marks trusted, already-safe HTML (sanitised story bodies, inline CSS): written as is. */
export function raw(html: string): SafeHtml {
  return new SafeHtml(html);
}

function renderChild(child: Child): string {
  if (child === null || child === undefined || child === false || child === true) return '';
  if (child instanceof SafeHtml) return child.html;
  if (Array.isArray(child)) {
    // Concatenated, not joined: `+=` makes a rope that is copied once, when the page is sent;
    // join('') copied every element's HTML again at each level of nesting (issue 18).
    let html = '';
    for (const item of child as readonly Child[]) html += renderChild(item);
    return html;
  }
  return escapeHtml(String(child));
}

function renderAttributes(props: Record<string, unknown>): string {
  let out = '';
  // for...in rather than Object.entries: no array of pairs for every element of every page (issue 18).
  for (const name in props) {
    if (!Object.hasOwn(props, name)) continue;
    const value = props[name];
    if (name === 'children' || value === undefined || value === null || value === false) continue;
    checkAttributeName(name);
    if (value === true) out += ` ${name}`;
    else if (typeof value === 'string' || typeof value === 'number') out += ` ${name}="${escapeHtml(String(value))}"`;
    else throw new Error(`Attribute ${name} must be text, a number or a boolean`);
  }
  return out;
}

export function h(tag: string | Component, props: Props | null, ...children: Child[]): SafeHtml {
  const all = children.length > 0 ? children : props?.children;
  if (typeof tag === 'function') return tag({ ...props, children: all });
  const attributes = props ? renderAttributes(props) : '';
  if (VOID.has(tag)) return new SafeHtml(`<${tag}${attributes}>`);
  return new SafeHtml(`<${tag}${attributes}>${renderChild(all)}</${tag}>`);
}

export function Fragment(props: { children?: Child }): SafeHtml {
  return new SafeHtml(renderChild(props.children));
}

/**
 * A JSON-LD script element. JSON is not HTML-safe: `</script>` or `<!--` inside a product name
 * would end the element, so every `<`, `>` and `&` (and the two line separators JavaScript
 * parsers choke on) is written as a \u escape, which JSON reads back unchanged.
 */
export function jsonLd(data: unknown): SafeHtml {
  const json = JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return new SafeHtml(`<script type="application/ld+json">${json}</script>`);
}

/** Renders a whole document. */
export function documentHtml(root: SafeHtml): string {
  return `<!DOCTYPE html>${root.html}`;
}

type Attributes = { [name: string]: AttributeValue | Child };

// TypeScript looks the JSX types up on the factory (`h.JSX`): a namespace merged into the
// function is the only way to declare them without a global.
// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace h {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    type Element = SafeHtml;
    interface IntrinsicElements {
      [tag: string]: Attributes;
    }
    interface ElementChildrenAttribute {
      children: unknown;
    }
  }
}
