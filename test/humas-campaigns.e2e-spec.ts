import request from 'supertest';
import type { CampaignView } from '../src/humas/campaigns/campaign.views';
import { kanwilId, makeFacility, signedInAs } from './support/factories';
import { makeShowcaseData, type ShowcaseData } from './support/showcase-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(240_000);

const CAMPAIGNS = '/api/v1/admin/humas/campaigns';

interface Admins {
  national: string;
  kalsel: string;
  kepri: string;
  banjarmasin: string;
  batam: string;
  /** Another facility in Kalimantan Selatan, beside Banjarmasin. */
  martapura: string;
}

describe('humas campaigns: CRUD, validation and scope', () => {
  let t: TestApp;
  let data: ShowcaseData;
  let admins: Admins;

  const body = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({ name: 'Bazar HUT Pemasyarakatan', startsOn: '2027-04-01', endsOn: '2027-04-30', goal: 'ORDERS', ...overrides });

  async function create(bearer: string, overrides: Record<string, unknown> = {}): Promise<CampaignView> {
    const response = await request(t.http).post(CAMPAIGNS).set('Authorization', bearer).send(body(overrides)).expect(201);
    return response.body as CampaignView;
  }

  async function listed(bearer: string): Promise<string[]> {
    const response = await request(t.http).get(CAMPAIGNS).query({ limit: 100 }).set('Authorization', bearer).expect(200);
    return (response.body as { data: CampaignView[] }).data.map((campaign) => campaign.id);
  }

  beforeAll(async () => {
    t = await startTestApp();
    data = await makeShowcaseData(t.app, t.dataSource);
    const martapura = await makeFacility(t.dataSource, { slug: 'lapas-martapura', name: 'Lapas Kelas III Martapura' });
    expect(martapura.kanwilId).toBe(data.banjarmasin.kanwilId);
    admins = {
      national: (await signedInAs(t.http, t.dataSource, 'SUPERADMIN')).bearer,
      kalsel: (await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: await kanwilId(t.dataSource, 'kalsel') })).bearer,
      kepri: (await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: data.batam.kanwilId })).bearer,
      banjarmasin: (await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: data.banjarmasin })).bearer,
      batam: (await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: data.batam })).bearer,
      martapura: (await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: martapura })).bearer,
    };
  });

  afterAll(async () => {
    await t?.close();
  });

  it("creates, reads, edits and deletes a campaign, its scope following the creator's role", async () => {
    const batamProduct = data.products.find((product) => product.facilityId === data.batam.id);
    const facility = await create(admins.banjarmasin, { productIds: [data.sasirangan.id], storyIds: [data.story.id] });
    expect(facility).toMatchObject({ scope: 'FACILITY', facilityId: data.banjarmasin.id, kanwilId: data.banjarmasin.kanwilId, goal: 'ORDERS', productIds: [data.sasirangan.id], storyIds: [data.story.id] });
    const regional = await create(admins.kalsel, { goal: 'VISITS', productIds: [data.sasirangan.id] });
    expect(regional).toMatchObject({ scope: 'KANWIL', facilityId: null, kanwilId: data.banjarmasin.kanwilId, goal: 'VISITS' });
    const national = await create(admins.national, { productIds: [data.sasirangan.id, batamProduct?.id] });
    expect(national).toMatchObject({ scope: 'NATION', facilityId: null, kanwilId: null });

    const fetched = await request(t.http).get(`${CAMPAIGNS}/${facility.id}`).set('Authorization', admins.banjarmasin).expect(200);
    expect(fetched.body).toEqual(facility);
    const edited = await request(t.http).patch(`${CAMPAIGNS}/${facility.id}`).set('Authorization', admins.banjarmasin).send({ name: 'Bazar Ramadan', endsOn: '2027-05-15', storyIds: [] }).expect(200);
    expect(edited.body).toMatchObject({ name: 'Bazar Ramadan', startsOn: '2027-04-01', endsOn: '2027-05-15', storyIds: [], productIds: [data.sasirangan.id], scope: 'FACILITY' });
    const audit = await t.dataSource.query<{ action: string }[]>(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY created_at`, [facility.id]);
    expect(audit.map((row) => row.action)).toEqual(['campaign.create', 'campaign.update']);

    await request(t.http).delete(`${CAMPAIGNS}/${facility.id}`).set('Authorization', admins.banjarmasin).expect(204);
    await request(t.http).get(`${CAMPAIGNS}/${facility.id}`).set('Authorization', admins.banjarmasin).expect(404);
    expect(await listed(admins.national)).toEqual(expect.arrayContaining([regional.id, national.id]));
  });

  it('refuses bad input with problem+json next to the field', async () => {
    const refuse = async (payload: Record<string, unknown>, field: string): Promise<void> => {
      const response = await request(t.http).post(CAMPAIGNS).set('Authorization', admins.banjarmasin).send(payload).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect((response.body.errors as { field: string }[]).map((error) => error.field)).toContain(field);
    };
    await refuse(body({ endsOn: '2027-03-31' }), 'endsOn');
    await refuse(body({ startsOn: '2027-02-30' }), 'startsOn');
    await refuse(body({ goal: 'LIKES' }), 'goal');
    await refuse(body({ name: '  ' }), 'name');
    await refuse(body({ facilityId: data.batam.id }), 'facilityId');
    await refuse(body({ productIds: ['not-a-uuid'] }), 'productIds');
    await refuse(body({ productIds: [data.sasirangan.id, data.sasirangan.id] }), 'productIds');
    // Featured products and stories must be of the campaign's own scope.
    const batamProduct = data.products.find((product) => product.facilityId === data.batam.id);
    await refuse(body({ productIds: [batamProduct?.id] }), 'productIds');
    const other = await create(admins.kepri);
    const kepriRefused = await request(t.http).patch(`${CAMPAIGNS}/${other.id}`).set('Authorization', admins.kepri).send({ storyIds: [data.story.id] }).expect(400);
    expect(kepriRefused.body.errors).toEqual([expect.objectContaining({ field: 'storyIds' })]);
    const period = await request(t.http).patch(`${CAMPAIGNS}/${other.id}`).set('Authorization', admins.kepri).send({ startsOn: '2027-06-01' }).expect(400);
    expect(period.body.errors).toEqual([expect.objectContaining({ field: 'endsOn' })]);
    await request(t.http).get(`${CAMPAIGNS}/not-a-uuid`).set('Authorization', admins.kepri).expect(400);
    await request(t.http).get(CAMPAIGNS).expect(401);
  });

  it("keeps each campaign to its scope: another facility's or another region's campaign is missing (404)", async () => {
    const banjarmasin = await create(admins.banjarmasin);
    const kalsel = await create(admins.kalsel);
    const national = await create(admins.national);
    const id = banjarmasin.id;

    // Another facility, in another region and in the same region: as if it did not exist.
    for (const outsider of [admins.batam, admins.martapura]) {
      await request(t.http).get(`${CAMPAIGNS}/${id}`).set('Authorization', outsider).expect(404);
      await request(t.http).patch(`${CAMPAIGNS}/${id}`).set('Authorization', outsider).send({ name: 'Diambil alih' }).expect(404);
      await request(t.http).delete(`${CAMPAIGNS}/${id}`).set('Authorization', outsider).expect(404);
      await request(t.http).get(`${CAMPAIGNS}/${id}/summary`).set('Authorization', outsider).expect(404);
      await request(t.http).get(`${CAMPAIGNS}/${id}/links`).set('Authorization', outsider).expect(404);
      await request(t.http).post(`${CAMPAIGNS}/${id}/links`).set('Authorization', outsider).send({ channel: 'WHATSAPP', targetKind: 'HOME' }).expect(404);
      expect(await listed(outsider)).not.toContain(id);
    }
    // A facility does not see its Kanwil's or the nation's campaigns either.
    await request(t.http).get(`${CAMPAIGNS}/${kalsel.id}`).set('Authorization', admins.banjarmasin).expect(404);
    await request(t.http).get(`${CAMPAIGNS}/${national.id}`).set('Authorization', admins.banjarmasin).expect(404);

    // The regional office of another region: 404; its own region's facility campaign: visible and editable.
    await request(t.http).get(`${CAMPAIGNS}/${id}`).set('Authorization', admins.kepri).expect(404);
    await request(t.http).patch(`${CAMPAIGNS}/${id}`).set('Authorization', admins.kepri).send({ name: 'Diambil alih' }).expect(404);
    await request(t.http).get(`${CAMPAIGNS}/${kalsel.id}`).set('Authorization', admins.kepri).expect(404);
    expect(await listed(admins.kepri)).not.toEqual(expect.arrayContaining([id]));
    await request(t.http).get(`${CAMPAIGNS}/${id}`).set('Authorization', admins.kalsel).expect(200);
    await request(t.http).patch(`${CAMPAIGNS}/${id}`).set('Authorization', admins.kalsel).send({ goal: 'VISITS' }).expect(200);
    expect(await listed(admins.kalsel)).toEqual(expect.arrayContaining([id, kalsel.id]));
    expect(await listed(admins.kalsel)).not.toContain(national.id);
    expect(await listed(admins.banjarmasin)).toContain(id);
    expect(await listed(admins.national)).toEqual(expect.arrayContaining([id, kalsel.id, national.id]));
    const unchanged = await request(t.http).get(`${CAMPAIGNS}/${id}`).set('Authorization', admins.national).expect(200);
    expect(unchanged.body).toMatchObject({ name: banjarmasin.name, goal: 'VISITS' });
  });

  it('pages the list newest first with a cursor', async () => {
    const bearer = admins.martapura;
    const made = [await create(bearer, { name: 'Satu' }), await create(bearer, { name: 'Dua' }), await create(bearer, { name: 'Tiga' })];
    const first = await request(t.http).get(CAMPAIGNS).query({ limit: 2 }).set('Authorization', bearer).expect(200);
    expect((first.body as { data: CampaignView[] }).data.map((c) => c.name)).toEqual(['Tiga', 'Dua']);
    const second = await request(t.http).get(CAMPAIGNS).query({ limit: 2, cursor: first.body.nextCursor }).set('Authorization', bearer).expect(200);
    expect((second.body as { data: CampaignView[]; nextCursor: string | null }).data.map((c) => c.id)).toEqual([made[0]?.id]);
    expect(second.body.nextCursor).toBeNull();
  });
});
