import request from 'supertest';
import type { FacilityDetailView } from '../src/facilities/facility.views';
import { makeProduct } from './support/catalog-factories';
import { makeFacility } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('facility page facts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('counts only the products on sale, with the catalog visibility rules', async () => {
    const facility = await makeFacility(t.dataSource);
    const other = await makeFacility(t.dataSource);
    await makeProduct(t.dataSource, facility);
    await makeProduct(t.dataSource, facility, { kind: 'FOOD' });
    await makeProduct(t.dataSource, facility, { status: 'DRAFT', publishedAt: null });
    await makeProduct(t.dataSource, facility, { deletedAt: new Date() });
    await makeProduct(t.dataSource, facility, { kind: 'FOOD', withPermit: false });
    await makeProduct(t.dataSource, other);

    const page = (await request(t.http).get(`/api/v1/facilities/${facility.slug}`).expect(200)).body as FacilityDetailView;
    expect(page.productCount).toBe(2);
    const empty = await makeFacility(t.dataSource);
    expect(((await request(t.http).get(`/api/v1/facilities/${empty.slug}`).expect(200)).body as FacilityDetailView).productCount).toBe(0);
  });
});
