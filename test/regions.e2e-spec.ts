import request from 'supertest';
import type { RegionListView, RegionView } from '../src/facilities/region.views';
import { makeFacility } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('GET /api/v1/regions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function regions(): Promise<RegionView[]> {
    const response = await request(t.http).get('/api/v1/regions').expect(200);
    return (response.body as RegionListView).data;
  }

  function region(list: RegionView[], code: string): RegionView {
    const found = list.find((r) => r.code === code);
    if (!found) throw new Error(`No Kanwil ${code} in the response`);
    return found;
  }

  it('lists the 33 Kanwil covering the 38 provinces, each province exactly once, as a complete page', async () => {
    const response = await request(t.http).get('/api/v1/regions').expect(200);
    const body = response.body as RegionListView;
    expect(body.nextCursor).toBeNull();
    expect(body.data).toHaveLength(33);
    expect(new Set(body.data.map((r) => r.code)).size).toBe(33);
    expect(new Set(body.data.map((r) => r.id)).size).toBe(33);

    const provinceCodes = body.data.flatMap((r) => r.provinces.map((p) => p.code));
    expect(provinceCodes).toHaveLength(38);
    expect(new Set(provinceCodes).size).toBe(38);
    const isoCodes = body.data.flatMap((r) => r.provinces.map((p) => p.iso));
    expect(new Set(isoCodes).size).toBe(38);
    for (const code of provinceCodes) expect(code).toMatch(/^\d{2}$/);
    for (const iso of isoCodes) expect(iso).toMatch(/^ID-[A-Z]{2}$/);
    for (const r of body.data) {
      expect(r.provinces.length).toBeGreaterThanOrEqual(1);
      expect(r.name).toMatch(/^Kanwil /);
    }
  });

  it('maps the Kanwil that cover several provinces correctly', async () => {
    const list = await regions();
    const codesOf = (code: string): string[] => region(list, code).provinces.map((p) => p.code).sort();
    expect(codesOf('kaltim')).toEqual(['64', '65']);
    expect(codesOf('papua')).toEqual(['91', '93', '94', '95']);
    expect(codesOf('papua-barat')).toEqual(['92', '96']);
    expect(codesOf('kalsel')).toEqual(['63']);
    // Papua Barat is 92 since the 2022 split, not 91 as in old datasets.
    expect(region(list, 'papua-barat').provinces.find((p) => p.code === '92')?.name).toBe('Papua Barat');
    expect(region(list, 'papua').provinces.find((p) => p.code === '91')?.name).toBe('Papua');
  });

  it('names province 63 Kalimantan Selatan with ISO code ID-KS', async () => {
    const list = await regions();
    const province = list.flatMap((r) => r.provinces).find((p) => p.code === '63');
    expect(province).toEqual({ code: '63', iso: 'ID-KS', name: 'Kalimantan Selatan', facilityCount: expect.any(Number) as number });
    expect(region(list, 'kalsel').name).toBe('Kanwil Ditjenpas Kalimantan Selatan');
  });

  it('counts active facilities only, per province and per Kanwil', async () => {
    const before = await regions();
    expect(before.every((r) => r.facilityCount === 0 && r.provinces.every((p) => p.facilityCount === 0))).toBe(true);

    await makeFacility(t.dataSource, { provinceCode: '63' });
    await makeFacility(t.dataSource, { provinceCode: '63' });
    await makeFacility(t.dataSource, { provinceCode: '63', active: false });
    await makeFacility(t.dataSource, { provinceCode: '64' });
    await makeFacility(t.dataSource, { provinceCode: '65' });
    await makeFacility(t.dataSource, { provinceCode: '65' });
    await makeFacility(t.dataSource, { provinceCode: '65', active: false });

    const list = await regions();
    const kalsel = region(list, 'kalsel');
    expect(kalsel.facilityCount).toBe(2);
    expect(kalsel.provinces).toEqual([expect.objectContaining({ code: '63', facilityCount: 2 })]);

    const kaltim = region(list, 'kaltim');
    expect(kaltim.facilityCount).toBe(3);
    expect(Object.fromEntries(kaltim.provinces.map((p) => [p.code, p.facilityCount]))).toEqual({ '64': 1, '65': 2 });

    expect(list.reduce((sum, r) => sum + r.facilityCount, 0)).toBe(5);
    for (const r of list) expect(r.facilityCount).toBe(r.provinces.reduce((sum, p) => sum + p.facilityCount, 0));
  });

  it('is publicly cacheable with an ETag, and answers If-None-Match with 304', async () => {
    const first = await request(t.http).get('/api/v1/regions').expect(200);
    expect(first.headers['cache-control']).toMatch(/^public\b/);
    expect(first.headers['cache-control']).toMatch(/max-age=\d+/);
    const etag = first.headers['etag'];
    expect(typeof etag).toBe('string');
    expect(etag).not.toBe('');

    const revalidated = await request(t.http).get('/api/v1/regions').set('If-None-Match', String(etag)).expect(304);
    expect(revalidated.text).toBe('');

    await request(t.http).get('/api/v1/regions').set('If-None-Match', 'W/"not-the-etag"').expect(200);

    // A change in the counts changes the representation, so the old ETag no longer matches.
    await makeFacility(t.dataSource, { provinceCode: '51' });
    const changed = await request(t.http).get('/api/v1/regions').set('If-None-Match', String(etag)).expect(200);
    expect(changed.headers['etag']).not.toBe(etag);
  });

  it('needs no authentication', async () => {
    const response = await request(t.http).get('/api/v1/regions').set('Authorization', 'Bearer not-a-token');
    expect(response.status).toBe(200);
  });
});
