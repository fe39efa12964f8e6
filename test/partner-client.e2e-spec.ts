import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import ts from 'typescript';
import type { Product as ProductEntity } from '../src/catalog/product.entity';
import type { CreatedWebhookView } from '../src/webhooks/webhook.views';
import { makeProduct } from './support/catalog-factories';
import { makeFacility, signedInAs } from './support/factories';
import { TEST_ADDRESS } from './support/order-factories';
import { issuePartnerKey, type IssuedKey } from './support/partner-factories';
import { eventually, startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';
import { partnerClient, runJourney, verifyWebhook, type JourneyResult } from './partner-client/partner';

/**
 * Issue 14: a typed client generated from the served OpenAPI document, and a partner program
 * written with it (test/partner-client/partner.ts), which must compile in strict mode without
 * casts and work against the server: browse, mirror, a keyed order sent twice, reading it back,
 * and verifying the signed webhook that announces its payment.
 */
jest.setTimeout(120_000);

const run = promisify(execFile);
const ROOT = join(__dirname, '..');
const PROGRAM = join(ROOT, 'test/partner-client/partner.ts');

/** Every type assertion (`x as T`, `<T>x`) and non-null assertion (`x!`) in a source file, as line:column. */
function assertionsIn(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node) || ts.isNonNullExpression(node)) {
      const { line, character } = file.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${line + 1}:${character + 1} ${node.getText()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('the typed partner client', () => {
  let t: TestApp;
  let baseUrl: string;
  let receiver: WebhookReceiver;
  let superadmin: { bearer: string };
  let partner: IssuedKey;
  let hook: CreatedWebhookView;
  let onSale: ProductEntity;
  let gone: ProductEntity;
  let journey: JourneyResult;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    t = await startTestApp({ JOBS_WORKERS: 'true' });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
    partner = await issuePartnerKey(t.http, superadmin.bearer, { name: 'Toko Mitra Klien' });
    hook = (
      await request(t.http).post(`/api/v1/admin/partners/${partner.partnerId}/webhooks`).set('Authorization', superadmin.bearer).send({ url: receiver.url(), events: ['order.paid'] }).expect(201)
    ).body as CreatedWebhookView;
    const facility = await makeFacility(t.dataSource);
    onSale = await makeProduct(t.dataSource, facility, { name: 'Tas Purun Anyaman Klien', stock: 5, price: 85_000 });
    gone = await makeProduct(t.dataSource, facility, { name: 'Tas Lama Klien', deletedAt: new Date() });
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  it('is generated from the served document: the committed schema.d.ts is what the document gives', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'etalase-openapi-'));
    try {
      const document = join(dir, 'openapi.json');
      await writeFile(document, JSON.stringify((await request(t.http).get('/docs/openapi.json').expect(200)).body));
      // PARTNER_CLIENT_WRITE=1 regenerates the file from this document instead (after changing the API).
      const mode = process.env.PARTNER_CLIENT_WRITE === '1' ? [] : ['--check'];
      const check = await run(process.execPath, [join(ROOT, 'scripts/partner-client.mjs'), document, ...mode], { cwd: ROOT }).catch((error: { stderr?: string; code?: number }) => error);
      expect(check).toMatchObject({ stderr: '' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('compiles the partner program in strict mode, without type or non-null assertions', async () => {
    expect(assertionsIn(PROGRAM, await readFile(PROGRAM, 'utf8'))).toEqual([]);
    // The check itself finds them.
    expect(assertionsIn('x.ts', 'const a = b as string; const c = <number>d; const e = f!.g;')).toHaveLength(3);
    const tsc = await run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(ROOT, 'test/partner-client/tsconfig.json'), '--strict'], { cwd: ROOT }).catch(
      (error: { stdout?: string; message?: string }) => ({ stdout: error.stdout || (error.message ?? 'tsc failed'), failed: true }),
    );
    expect(tsc).toMatchObject({ stdout: '' });
  });

  it('browses, mirrors, places a keyed order twice getting one order and the same bytes, and reads it back', async () => {
    journey = await runJourney(partnerClient(baseUrl, partner.key), {
      q: 'purun anyaman klien',
      idempotencyKey: 'toko-mitra-cart-0001',
      customer: { name: 'Rina Wulandari', email: 'rina@example.com', phone: '+62 813 1111 2222' },
      address: TEST_ADDRESS,
    });
    expect(journey.found.map((p) => p.id)).toContain(onSale.id);
    expect(journey.mirror.products.get(onSale.id)).toMatchObject({ price: 85_000, currency: 'IDR', inStock: true });
    expect(journey.mirror.products.has(gone.id)).toBe(false);
    expect(journey.mirror.tombstones).toBeGreaterThanOrEqual(1);

    const { placed, retried, read } = journey;
    expect(placed.replayed).toBe(false);
    expect(retried.replayed).toBe(true);
    expect(JSON.stringify(retried.order)).toBe(JSON.stringify(placed.order));
    expect(placed.order).toMatchObject({ status: 'PENDING_PAYMENT', total: placed.order.subtotal + placed.order.shippingTotal, delivery: { method: 'SHIPPING', address: TEST_ADDRESS } });
    expect(read).toMatchObject({ id: placed.order.id, number: placed.order.number, status: 'PENDING_PAYMENT' });
    const [row] = await t.dataSource.query<{ partner_id: string }[]>('SELECT partner_id FROM shop_order WHERE id = $1', [placed.order.id]);
    expect(row?.partner_id).toBe(partner.partnerId);
  });

  it('verifies the signed order.paid webhook of its order, and refuses a forged or stale one', async () => {
    const order = journey.placed.order;
    await request(t.http).post(`/api/v1/admin/orders/${order.id}/confirm-payment`).set('Authorization', superadmin.bearer).send({}).expect(200);
    const paid = await eventually(async () => receiver.ofType('order.paid').find((r) => r.body.includes(order.id)));
    const signature = String(paid.headers['etalase-signature']);

    const event = verifyWebhook(hook.secret, paid.body, signature);
    expect(event).toMatchObject({ type: 'order.paid', data: { orderId: order.id, number: order.number, status: 'PAID', total: order.total, currency: 'IDR' } });
    expect(event?.id).toBe(paid.headers['etalase-event-id']);

    expect(verifyWebhook('whsec_not_ours', paid.body, signature)).toBeUndefined();
    expect(verifyWebhook(hook.secret, paid.body.replace(`"total":${order.total}`, '"total":1'), signature)).toBeUndefined();
    expect(verifyWebhook(hook.secret, paid.body, signature, Math.floor(Date.now() / 1000) + 3600)).toBeUndefined();
  });
});
