import { answerToKeep, keptAnswer } from './idempotent-answer';
import type { CreatedOrderView } from './order.views';

describe('kept checkout answers', () => {
  const answer = {
    id: '5f0c7a4e-1d2b-4c3a-9e8f-0a1b2c3d4e5f',
    number: 'ETL-2026-000042',
    status: 'PENDING_PAYMENT',
    items: [{ productId: 'p', name: 'Kain "tenun" ikat \u00e9 \u2028', unitPrice: 150_000, quantity: 2, lineTotal: 300_000, facility: { id: 'f', slug: 's', name: 'Lapas' } }],
    fulfilments: [],
    subtotal: 300_000,
    shippingTotal: 0,
    total: 300_000,
    currency: 'IDR',
    customer: { name: 'Siti', email: 'siti@example.com', phone: '+62 812' },
    delivery: { method: 'PICKUP', address: null },
    note: '',
    payment: { provider: 'stripe', status: 'PENDING', clientSecret: 'pi_1_secret_2' },
    createdAt: '2026-12-06T23:00:00.000Z',
    expiresAt: '2026-12-07T00:00:00.000Z',
    cancelledAt: null,
    accessToken: 'derived-token',
  } satisfies CreatedOrderView;

  it('leave the access token out of what is kept', () => {
    expect(answerToKeep(answer)).not.toContain('derived-token');
    expect(answerToKeep(answer)).toContain('"accessToken":""');
  });

  it('serialise to the first answer byte for byte once the token is derived again', () => {
    const replayed = keptAnswer(answerToKeep(answer), (number) => (number === 'ETL-2026-000042' ? 'derived-token' : 'wrong'));
    expect(JSON.stringify(replayed)).toBe(JSON.stringify(answer));
  });
});
