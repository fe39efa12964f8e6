import type { Product } from './product.entity';
import { foodPermitValidUntil, maxPerOrder } from './product.rules';
import type { ImageUrls } from '../media/media.types';
import type { ProductImage } from './product-image.entity';
import { makerCredit, toProductView } from './product.views';

describe('food permits', () => {
  it('takes the latest expiry among SPP-IRT and BPOM permits, ignoring other certificates', () => {
    expect(
      foodPermitValidUntil([
        { kind: 'SPP_IRT', validUntil: '2027-01-31' },
        { kind: 'BPOM_MD', validUntil: '2028-05-01T00:00:00Z' },
        { kind: 'HALAL', validUntil: '2035-01-01' },
      ]),
    ).toBe('2028-05-01');
    expect(foodPermitValidUntil([{ kind: 'BPOM_ML', validUntil: null }])).toBe('9999-12-31');
    expect(foodPermitValidUntil([{ kind: 'HALAL', validUntil: '2030-01-01' }])).toBeNull();
    expect(foodPermitValidUntil([])).toBeNull();
  });
});

describe('maker credit', () => {
  const base = { makerGroupName: null, facility: { shortName: 'Lapas Kotabaru' } } as unknown as Product;

  it('credits the workshop by default, or the given group name', () => {
    expect(makerCredit(base)).toEqual({ type: 'GROUP', credit: 'Bengkel kerja Lapas Kotabaru' });
    expect(makerCredit({ ...base, makerGroupName: 'Kelompok Tani Harapan' })).toEqual({ type: 'GROUP', credit: 'Kelompok Tani Harapan' });
  });

  it('names an individual only under a live consent covering product credits', () => {
    const consent = { displayName: 'A.R.', withdrawnAt: null, scopes: ['PRODUCT_CREDIT'] };
    expect(makerCredit({ ...base, makerConsent: consent } as unknown as Product)).toEqual({ type: 'INDIVIDUAL', credit: 'A.R., Bengkel kerja Lapas Kotabaru' });
    const withdrawn = { ...consent, withdrawnAt: new Date() };
    expect(makerCredit({ ...base, makerConsent: withdrawn } as unknown as Product).type).toBe('GROUP');
    const storyOnly = { ...consent, scopes: ['STORY'] };
    expect(makerCredit({ ...base, makerConsent: storyOnly } as unknown as Product).type).toBe('GROUP');
  });
});

describe('per-order quantity limit', () => {
  it("is the product's own limit when it has one, else the default", () => {
    expect(maxPerOrder({ maxPerOrder: null }, 10)).toBe(10);
    expect(maxPerOrder({ maxPerOrder: 50 }, 10)).toBe(50);
    expect(maxPerOrder({ maxPerOrder: 1 }, 10)).toBe(1);
  });
});

describe('product view images', () => {
  const product = {
    id: 'p1',
    slug: 'tas-purun',
    price: 85000,
    stock: 3,
    maxPerOrder: null,
    publishedAt: null,
    updatedAt: new Date('2026-12-01T00:00:00Z'),
    makerGroupName: null,
    facility: { id: 'f1', slug: 'lapas-banjarmasin', shortName: 'Lapas Banjarmasin', provinceCode: '63', province: { name: 'Kalimantan Selatan' }, kanwil: { code: 'KALSEL' } },
    category: { slug: 'kerajinan', name: 'Kerajinan' },
  } as unknown as Product;
  const image = (id: string, position: number): ProductImage => ({ id, position, contentHash: id, alt: id, width: 1, height: 1 }) as ProductImage;
  const positions = (images: ProductImage[]): [string, number][] =>
    toProductView({ product, images, certificates: [] }, () => ({ url: '', thumbnailUrl: '' }) as unknown as ImageUrls, 10, 'https://etalase.test').images.map((view) => [view.id, view.position]);

  it('shows the images by position, whatever order they were loaded in, ties in load order', () => {
    expect(positions([image('c', 2), image('a', 0), image('b', 1)])).toEqual([['a', 0], ['b', 1], ['c', 2]]);
    expect(positions([image('b', 1), image('a', 0), image('a2', 0)])).toEqual([['a', 0], ['a2', 0], ['b', 1]]);
    expect(positions([image('a', 0), image('b', 1), image('c', 1)])).toEqual([['a', 0], ['b', 1], ['c', 1]]);
  });

  it('leaves the images it was given in their order', () => {
    const images = [image('c', 2), image('a', 0)];
    positions(images);
    expect(images.map((i) => i.id)).toEqual(['c', 'a']);
  });
});
