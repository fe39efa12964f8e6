import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Facility } from '../src/facilities/facility.entity';
import { OrderNotifications } from '../src/notifications/order-notifications';
import type { OutboxEvent } from '../src/outbox/outbox-event.entity';
import { makeProduct } from './support/catalog-factories';
import { makeFacility, makeUser, signedInAs } from './support/factories';
import { MailCatcher } from './support/mail-catcher';
import { placeOrder } from './support/order-factories';
import { eventually, startTestApp, TestApp } from './support/test-app';

const SLOW = 20_000;

describe('order notifications (outbox -> pg-boss -> SMTP)', () => {
  let t: TestApp;
  let smtp: MailCatcher;
  let bakery: Facility;
  let batik: Facility;
  let superadmin: { bearer: string };

  beforeAll(async () => {
    smtp = await new MailCatcher().start();
    t = await startTestApp({ JOBS_WORKERS: 'true', SMTP_URL: smtp.url, MAIL_FROM: 'Etalase <no-reply@etalase.test>' });
    bakery = await makeFacility(t.dataSource, { name: 'Lapas Kelas IIA Banjarmasin' });
    batik = await makeFacility(t.dataSource, { name: 'Lapas Kelas IIA Kerobokan' });
    superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
  }, SLOW);
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('tells the shopper the order arrived, with the exact transfer to make', async () => {
    const bread = await makeProduct(t.dataSource, bakery, { name: 'Roti Sobek Cokelat', price: 25_000, stock: 10 });
    const order = await placeOrder(t.http, [{ product: bread, quantity: 2 }], { email: 'ayu@example.com', name: 'Ayu Lestari' });

    const [mail] = await eventually(async () => (smtp.to('ayu@example.com').length > 0 ? smtp.to('ayu@example.com') : undefined));
    expect(mail?.subject).toBe(`Pesanan ${order.number} diterima`);
    expect(mail?.body).toContain('Halo Ayu Lestari');
    expect(mail?.body).toContain('Roti Sobek Cokelat x2: Rp50.000');
    expect(mail?.body).toContain(`Rp${order.total.toLocaleString('id-ID')}`);
    expect(mail?.body).toContain(`berita ${order.number}`);
  }, SLOW);

  it('on payment, thanks the shopper and tells each facility only about its own lines', async () => {
    const bakeryStaff = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility: bakery });
    const batikStaff = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility: batik });
    const bystander = await makeUser(t.dataSource, 'FACILITY_ADMIN', { facility: await makeFacility(t.dataSource) });
    const bread = await makeProduct(t.dataSource, bakery, { name: 'Roti Tawar Gandum', stock: 10 });
    const cloth = await makeProduct(t.dataSource, batik, { name: 'Kain Batik Kawung', stock: 10 });
    const order = await placeOrder(t.http, [bread, cloth], { email: 'budi@example.com' });

    await request(t.http).post(`/api/v1/admin/orders/${order.id}/confirm-payment`).set('Authorization', superadmin.bearer).expect(200);

    const paid = await eventually(async () => smtp.to('budi@example.com').find((m) => m.subject.startsWith('Pembayaran')));
    expect(paid.subject).toBe(`Pembayaran pesanan ${order.number} diterima`);
    const forBakery = await eventually(async () => smtp.to(bakeryStaff.email)[0]);
    expect(forBakery.subject).toBe(`Pesanan baru ${order.number} untuk Lapas Kelas IIA Banjarmasin`);
    expect(forBakery.body).toContain('Roti Tawar Gandum x1');
    expect(forBakery.body).not.toContain('Kain Batik Kawung');
    expect(forBakery.body).not.toContain('budi@example.com');
    const forBatik = await eventually(async () => smtp.to(batikStaff.email)[0]);
    expect(forBatik.body).toContain('Kain Batik Kawung x1');
    expect(forBatik.body).not.toContain('Roti Tawar Gandum');
    expect(smtp.to(bystander.email)).toEqual([]);
  }, SLOW);

  it('tells the shopper when an order is cancelled and when a parcel ships', async () => {
    const facilityAdmin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: bakery });
    const bread = await makeProduct(t.dataSource, bakery, { stock: 10 });
    const cancelled = await placeOrder(t.http, [bread], { email: 'cici@example.com' });
    await request(t.http).post(`/api/v1/orders/${cancelled.number}/cancel`).set('X-Order-Token', cancelled.accessToken).expect(200);
    const cancelMail = await eventually(async () => smtp.to('cici@example.com').find((m) => m.subject.includes('dibatalkan')));
    expect(cancelMail.subject).toBe(`Pesanan ${cancelled.number} dibatalkan`);

    const shipped = await placeOrder(t.http, [bread], { email: 'dedi@example.com' });
    await request(t.http).post(`/api/v1/admin/orders/${shipped.id}/confirm-payment`).set('Authorization', superadmin.bearer).expect(200);
    const detail = await request(t.http).get(`/api/v1/admin/orders/${shipped.id}`).set('Authorization', facilityAdmin.bearer).expect(200);
    const fulfilmentId = (detail.body as { fulfilments: { id: string }[] }).fulfilments[0]?.id;
    await request(t.http)
      .post(`/api/v1/admin/fulfilments/${fulfilmentId}/ship`)
      .set('Authorization', facilityAdmin.bearer)
      .send({ courier: 'JNE', trackingNumber: 'JNE0012345678' })
      .expect(200);
    const shipMail = await eventually(async () => smtp.to('dedi@example.com').find((m) => m.subject.includes('dikirim')));
    expect(shipMail.body).toContain('JNE, nomor resi JNE0012345678');
    expect(shipMail.body).toContain('Lapas Kelas IIA Banjarmasin');
  }, SLOW);

  it('composes e-mails from the event alone, not from the tables (issue 13)', async () => {
    // An order the tables do not hold (as if its rows had changed since): the event says all the mail needs.
    const event: OutboxEvent = {
      id: randomUUID(),
      type: 'order.cancelled',
      aggregateType: 'order',
      aggregateId: randomUUID(),
      payload: { orderId: randomUUID(), number: 'ETL-2026-999999', customer: { name: 'Fajar Nugroho', email: 'fajar@example.com' }, reason: 'Salah pilih ukuran', actor: 'SHOPPER' },
      createdAt: new Date(),
    };
    await t.app.get(OrderNotifications).notify(event);
    const [mail] = await eventually(async () => (smtp.to('fajar@example.com').length > 0 ? smtp.to('fajar@example.com') : undefined));
    expect(mail?.subject).toBe('Pesanan ETL-2026-999999 dibatalkan');
    expect(mail?.body).toContain('Halo Fajar Nugroho');
    expect(mail?.body).toContain('Salah pilih ukuran');
  }, SLOW);

  it('retries when the mail server refuses, and the mail arrives once it recovers', async () => {
    smtp.refuseNextMailTo('eka@example.com');
    const bread = await makeProduct(t.dataSource, bakery, { stock: 10 });
    const order = await placeOrder(t.http, [bread], { email: 'eka@example.com' });

    // The refusal makes the job fail; pg-boss schedules a retry (30 s later in production).
    const jobId = await eventually(async () => {
      const [job] = await t.dataSource.query<{ id: string }[]>(
        `SELECT j.id FROM pgboss.job j JOIN outbox_event e ON e.id = (j.data->>'eventId')::uuid
          WHERE j.name = 'notifications.order' AND j.state = 'retry' AND e.aggregate_id = $1`,
        [order.id],
      );
      return job?.id;
    });
    expect(smtp.to('eka@example.com')).toEqual([]);
    await t.dataSource.query(`UPDATE pgboss.job SET start_after = now() WHERE id = $1`, [jobId]);

    const mails = await eventually(async () => (smtp.to('eka@example.com').length > 0 ? smtp.to('eka@example.com') : undefined));
    expect(mails.map((m) => m.subject)).toEqual([`Pesanan ${order.number} diterima`]);
  }, SLOW);
});
