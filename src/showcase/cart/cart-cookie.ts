import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { readTouches, type Touches } from '../../humas/attribution/touches.js';

export const CART_COOKIE = 'etalase_cart';
/** A week: long enough to come back from a WhatsApp chat, short enough not to linger. */
const MAX_AGE_SECONDS = 7 * 24 * 3600;
export const MAX_CART_LINES = 20;
const MAX_QUANTITY = 999;

export interface CartLine {
  productId: string;
  slug: string;
  quantity: number;
}

/**
 * What the cookie holds: an id (the CSRF token is bound to it), the lines, and the campaign
 * touches (share-link codes and times) the checkout attributes the order to; no personal data.
 */
export interface Cart {
  id: string;
  lines: CartLine[];
  touches?: Touches;
}

/**
 * The cart lives in a signed cookie (no table, no session), set only once something is added.
 * The signature keeps it from being edited into something else (prices are never in it: the
 * checkout reads them from the catalog). Forms that act on the cart carry a CSRF token derived
 * from the cart id, so another site cannot post them with the shopper's cookie.
 */
export class CartCookies {
  private readonly key: Buffer;

  /**
   * `touchMaxAgeSeconds`: how long a cookie carrying campaign touches lives (the attribution
   * window, when longer than a cart's week), so a touch can count for as long as it may.
   */
  constructor(
    secret: string,
    private readonly secure: boolean,
    private readonly touchMaxAgeSeconds = MAX_AGE_SECONDS,
  ) {
    this.key = createHmac('sha256', secret).update('showcase-cart').digest();
  }

  empty(): Cart {
    return { id: randomUUID(), lines: [] };
  }

  read(cookieHeader: string | undefined): Cart | undefined {
    const value = cookieValue(cookieHeader, CART_COOKIE);
    if (!value) return undefined;
    const [payload, signature] = value.split('.');
    if (!payload || !signature || !this.same(this.sign(payload), signature)) return undefined;
    try {
      const cart = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Cart;
      if (typeof cart.id !== 'string' || !Array.isArray(cart.lines)) return undefined;
      const touches = readTouches(cart.touches);
      return touches ? { id: cart.id, lines: cart.lines, touches } : { id: cart.id, lines: cart.lines };
    } catch {
      return undefined;
    }
  }

  /** The Set-Cookie value: HttpOnly, SameSite=Lax (a link opened from a chat still shows the cart). */
  header(cart: Cart): string {
    const payload = Buffer.from(JSON.stringify(cart)).toString('base64url');
    const maxAge = cart.touches ? Math.max(MAX_AGE_SECONDS, this.touchMaxAgeSeconds) : MAX_AGE_SECONDS;
    return [`${CART_COOKIE}=${payload}.${this.sign(payload)}`, `Max-Age=${maxAge}`, ...this.attributes()].join('; ');
  }

  clearHeader(): string {
    return [`${CART_COOKIE}=`, 'Max-Age=0', ...this.attributes()].join('; ');
  }

  csrfToken(cart: Cart): string {
    return this.sign(`csrf:${cart.id}`);
  }

  csrfValid(cart: Cart | undefined, token: unknown): boolean {
    return cart !== undefined && typeof token === 'string' && this.same(this.csrfToken(cart), token);
  }

  private attributes(): string[] {
    return ['Path=/', 'HttpOnly', 'SameSite=Lax', ...(this.secure ? ['Secure'] : [])];
  }

  private sign(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url');
  }

  private same(a: string, b: string): boolean {
    const left = Buffer.from(a);
    const right = Buffer.from(b);
    return left.length === right.length && timingSafeEqual(left, right);
  }
}

/** Adds to a line (or starts one), within the cookie's own caps; the checkout enforces every real limit. */
export function addLine(cart: Cart, line: CartLine): Cart {
  const existing = cart.lines.find((l) => l.productId === line.productId);
  if (existing) return { ...cart, lines: cart.lines.map((l) => (l === existing ? { ...l, quantity: Math.min(MAX_QUANTITY, l.quantity + line.quantity) } : l)) };
  if (cart.lines.length >= MAX_CART_LINES) return cart;
  return { ...cart, lines: [...cart.lines, line] };
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** Sets a line's quantity (0 removes it); a product not in the cart leaves it as it is. */
export function setQuantity(cart: Cart, productId: string, quantity: number): Cart {
  if (quantity <= 0) return { ...cart, lines: cart.lines.filter((line) => line.productId !== productId) };
  return { ...cart, lines: cart.lines.map((line) => (line.productId === productId ? { ...line, quantity: Math.min(MAX_QUANTITY, quantity) } : line)) };
}
