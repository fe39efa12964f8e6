import { addLine, CartCookies, setQuantity } from './cart-cookie';

describe('CartCookies', () => {
  const cookies = new CartCookies('a-secret-long-enough-for-the-test', true);

  it('reads back what it wrote, and refuses an edited cart', () => {
    const cart = addLine(cookies.empty(), { productId: 'p1', slug: 'kain', quantity: 2 });
    const pair = cookies.header(cart).split(';')[0];
    expect(cookies.read(pair)?.lines).toEqual([{ productId: 'p1', slug: 'kain', quantity: 2 }]);
    const signature = pair.split('.')[1];
    const forged = Buffer.from(JSON.stringify({ ...cart, lines: [{ productId: 'p1', slug: 'kain', quantity: 900 }] })).toString('base64url');
    expect(cookies.read(`etalase_cart=${forged}.${signature}`)).toBeUndefined();
    expect(cookies.header(cart)).toContain('HttpOnly; SameSite=Lax; Secure');
  });

  it('binds the CSRF token to the cart', () => {
    const cart = cookies.empty();
    expect(cookies.csrfValid(cart, cookies.csrfToken(cart))).toBe(true);
    expect(cookies.csrfValid(cookies.empty(), cookies.csrfToken(cart))).toBe(false);
    expect(cookies.csrfValid(undefined, cookies.csrfToken(cart))).toBe(false);
  });

  it('adds to an existing line', () => {
    const once = addLine(cookies.empty(), { productId: 'p1', slug: 'kain', quantity: 1 });
    expect(addLine(once, { productId: 'p1', slug: 'kain', quantity: 2 }).lines).toEqual([{ productId: 'p1', slug: 'kain', quantity: 3 }]);
  });

  it('sets a quantity, removes a line at 0, and leaves other products alone', () => {
    const cart = addLine(addLine(cookies.empty(), { productId: 'p1', slug: 'kain', quantity: 1 }), { productId: 'p2', slug: 'tas', quantity: 2 });
    expect(setQuantity(cart, 'p1', 5).lines).toEqual([{ productId: 'p1', slug: 'kain', quantity: 5 }, { productId: 'p2', slug: 'tas', quantity: 2 }]);
    expect(setQuantity(cart, 'p1', 0).lines).toEqual([{ productId: 'p2', slug: 'tas', quantity: 2 }]);
    expect(setQuantity(cart, 'p9', 3).lines).toEqual(cart.lines);
    expect(setQuantity(cart, 'p2', 5000).lines[1]?.quantity).toBe(999);
  });
});
