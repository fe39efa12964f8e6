import request from 'supertest';
import type { ProductView } from '../src/catalog/product.views';
import type { Page } from '../src/common/pagination/cursor';
import { makeProduct } from './support/catalog-factories';
import { makeFacility } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('typo search ranking', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('ranks a near-miss in the product name above one in its facility or city', async () => {
    const batam = await makeFacility(t.dataSource, { shortName: 'Lapas Batam', city: 'Batam', provinceCode: '21' });
    const banjar = await makeFacility(t.dataSource, { shortName: 'Lapas Banjarmasin', city: 'Banjarmasin' });
    // Ids at both ends, so whichever way ties are broken, a Batam product would win a tie.
    const bread = await makeProduct(t.dataSource, batam, {
      id: '00000000-0000-4000-8000-000000000001',
      name: 'Roti Tawar Kupas',
      categorySlug: 'roti-kue',
      kind: 'FOOD',
    });
    await makeProduct(t.dataSource, batam, { id: 'ffffffff-ffff-4fff-bfff-ffffffffffff', name: 'Donat Gula Halus', categorySlug: 'roti-kue' });
    const shirt = await makeProduct(t.dataSource, banjar, { name: 'Kemeja Batik Motif Bekantan', categorySlug: 'batik' });

    const page = (await request(t.http).get('/api/v1/products?q=batk').expect(200)).body as Page<ProductView>;
    const slugs = page.data.map((p) => p.slug);
    expect(slugs).toContain(shirt.slug);
    expect(slugs.indexOf(shirt.slug)).toBeLessThan(slugs.includes(bread.slug) ? slugs.indexOf(bread.slug) : Infinity);
    expect(slugs[0]).toBe(shirt.slug);
  });
});
