import request from 'supertest';
import type { Problem } from '../src/common/errors/problem';
import { verifySignature } from '../src/webhooks/webhook-signature';
import type { CreatedWebhookView, WebhookTestResultView, WebhookView } from '../src/webhooks/webhook.views';
import { makeFacility, signedInAs } from './support/factories';
import { issuePartnerKey, type IssuedKey } from './support/partner-factories';
import { startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * Issue 14: a test event answers at once whether the receiver works; a failing one is not retried
 * for a day, logged as a delivery, or counted towards disabling the endpoint.
 */
const PARTNERS = '/api/v1/admin/partners';

describe('webhook test events', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let superadmin: { bearer: string };
  let partner: IssuedKey;
  let hook: CreatedWebhookView;

  const admin = (method: 'get' | 'post', path: string): request.Test => request(t.http)[method](path).set('Authorization', superadmin.bearer);
  const test = (partnerId: string, webhookId: string): request.Test => admin('post', `${PARTNERS}/${partnerId}/webhooks/${webhookId}/test`).send();
  const queued = async (): Promise<number> => {
    const [row] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'webhooks.deliver'`);
    return row?.n ?? -1;
  };

  beforeAll(async () => {
    t = await startTestApp();
    receiver = await receiverStarted();
    superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
    partner = await issuePartnerKey(t.http, superadmin.bearer);
    hook = (await admin('post', `${PARTNERS}/${partner.partnerId}/webhooks`).send({ url: receiver.url(), events: ['order.paid'] }).expect(201)).body as CreatedWebhookView;
  });
  afterAll(async () => {
    await receiver.stop();
    await t.close();
  });

  it('sends one signed webhook.test event and answers that it was delivered', async () => {
    const before = receiver.received.length;
    const result = (await test(partner.partnerId, hook.id).expect(200)).body as WebhookTestResultView;
    expect(result).toEqual({ eventId: expect.any(String) as unknown, delivered: true, statusCode: 200, error: null, durationMs: expect.any(Number) as unknown });

    const got = receiver.received.slice(before);
    expect(got).toHaveLength(1);
    const [sent] = got;
    expect(sent?.headers['etalase-event-type']).toBe('webhook.test');
    expect(sent?.headers['etalase-event-id']).toBe(result.eventId);
    expect(sent?.headers['etalase-delivery-id']).toBeUndefined();
    expect(verifySignature(hook.secret, sent?.body ?? '', String(sent?.headers['etalase-signature']), Math.floor(Date.now() / 1000))).toBe(true);
    expect(JSON.parse(sent?.body ?? '')).toEqual({
      id: result.eventId,
      type: 'webhook.test',
      createdAt: expect.any(String) as unknown,
      data: { webhookId: hook.id, message: expect.any(String) as unknown },
    });
  });

  it('answers a failure at once and never retries it, logs it as a delivery, or counts it against the endpoint', async () => {
    receiver.failNext = 1;
    const before = receiver.received.length;
    const result = (await test(partner.partnerId, hook.id).expect(200)).body as WebhookTestResultView;
    expect(result).toMatchObject({ delivered: false, statusCode: 500, error: 'Answered HTTP 500' });
    expect(receiver.received.length - before).toBe(1);

    expect(await queued()).toBe(0);
    expect(await t.dataSource.query('SELECT id FROM webhook_delivery WHERE endpoint_id = $1', [hook.id])).toEqual([]);
    const [endpoint] = ((await admin('get', `${PARTNERS}/${partner.partnerId}/webhooks`).expect(200)).body as { data: WebhookView[] }).data;
    expect(endpoint).toMatchObject({ id: hook.id, active: true, consecutiveFailures: 0 });
  });

  it('reports a receiver that does not answer', async () => {
    const gone = await receiverStarted();
    const url = gone.url();
    await gone.stop();
    const dead = (await admin('post', `${PARTNERS}/${partner.partnerId}/webhooks`).send({ url, events: ['order.paid'] }).expect(201)).body as CreatedWebhookView;
    const result = (await test(partner.partnerId, dead.id).expect(200)).body as WebhookTestResultView;
    expect(result).toMatchObject({ delivered: false, statusCode: null, error: expect.stringMatching(/ECONNREFUSED/) as unknown });
    expect(await queued()).toBe(0);
  });

  it("is another partner's endpoint: 404; and for superadmins only", async () => {
    const other = await issuePartnerKey(t.http, superadmin.bearer);
    const missing = await test(other.partnerId, hook.id).expect(404);
    expect((missing.body as Problem).code).toBe('NOT_FOUND');
    const facilityAdmin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: await makeFacility(t.dataSource) });
    await request(t.http).post(`${PARTNERS}/${partner.partnerId}/webhooks/${hook.id}/test`).set('Authorization', facilityAdmin.bearer).expect(403);
    await request(t.http).post(`${PARTNERS}/${partner.partnerId}/webhooks/${hook.id}/test`).set('X-Api-Key', partner.key).expect(401);
  });
});

function receiverStarted(): Promise<WebhookReceiver> {
  return new WebhookReceiver().start();
}
