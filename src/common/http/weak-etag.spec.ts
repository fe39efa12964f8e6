import { weakEtag } from './weak-etag.js';

describe('weakEtag', () => {
  const page = Buffer.from(JSON.stringify({ data: [{ slug: 'kain-sasirangan', price: 250000, stock: 12 }], nextCursor: null }));

  it('is a weak validator naming the body length in hex', () => {
    expect(weakEtag(page)).toMatch(new RegExp(`^W/"${page.length.toString(16)}-[0-9a-f]{1,8}"$`));
  });

  it('is the same for the same bytes, given as a Buffer or as the string Express would encode', () => {
    expect(weakEtag(Buffer.from(page))).toBe(weakEtag(page));
    expect(weakEtag(page.toString('utf8'), 'utf8')).toBe(weakEtag(page));
  });

  it('changes when one digit changes in place, the length staying the same', () => {
    const restocked = Buffer.from(page.toString('utf8').replace('"stock":12', '"stock":13'));
    expect(restocked.length).toBe(page.length);
    expect(weakEtag(restocked)).not.toBe(weakEtag(page));
  });

  it('changes for every single-byte edit of a catalog-sized body', () => {
    const body = Buffer.from(JSON.stringify({ data: Array.from({ length: 25 }, (_, i) => ({ slug: `produk-${i}`, stock: i })) }));
    const original = weakEtag(body);
    for (let at = 0; at < body.length; at += 1) {
      const edited = Buffer.from(body);
      edited[at] ^= 0x01;
      expect(weakEtag(edited)).not.toBe(original);
    }
  });
});
