import type { App } from 'supertest/types';
import request from 'supertest';

/** The buyer the website checkout is filled in for: pickup, so no address is needed. */
export const PICKUP_CUSTOMER = { name: 'Siti Rahmawati', email: 'siti@example.com', phone: '+62 812 3456 7890', method: 'PICKUP' };

export function inputValue(html: string, name: string): string | undefined {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  return tag ? /value="([^"]*)"/.exec(tag)?.[1] : undefined;
}

/** The `etalase_cart=...` pair a response sets, if it sets one. */
export function cartCookie(response: request.Response): string | undefined {
  const header = response.headers['set-cookie'] as unknown as string[] | undefined;
  return header?.find((cookie) => cookie.startsWith('etalase_cart='))?.split(';')[0];
}

/**
 * Buys one of `slug` through the website as a browser holding `cookie` (the cart cookie, which
 * carries campaign touches) would: adds it, opens the cart, places the order with the form's
 * tokens. The order's number.
 */
export async function buyThroughWebsite(http: App, slug: string, cookie: string | undefined): Promise<string> {
  const addCall = request(http).post('/keranjang').type('form').send({ slug, quantity: '1' });
  if (cookie) addCall.set('Cookie', cookie);
  const added = await addCall.expect(303);
  const cart = cartCookie(added) ?? '';
  const page = await request(http).get('/keranjang').set('Cookie', cart).expect(200);
  const placed = await request(http)
    .post('/bayar')
    .set('Cookie', cart)
    .type('form')
    .send({ csrf: inputValue(page.text, 'csrf') ?? '', idempotencyKey: inputValue(page.text, 'idempotencyKey') ?? '', ...PICKUP_CUSTOMER });
  const number = placed.status === 303 ? /^\/pesanan\/([^?]+)/.exec(String(placed.headers.location))?.[1] : undefined;
  if (!number) throw new Error(`checkout answered ${placed.status} ${String(placed.headers.location ?? '')}: ${/<p class="alert"[^>]*>([^<]*)/.exec(placed.text)?.[1] ?? placed.text.slice(0, 300)}`);
  return number;
}
