import { AppConfig } from '../config/app-config';
import { parseEnvironment } from '../config/environment';
import { ManualPaymentProvider } from './manual.provider';

const config = (env: NodeJS.ProcessEnv): AppConfig => new AppConfig(parseEnvironment(env), { jwtSecret: 'x'.repeat(40) });

describe('ManualPaymentProvider', () => {
  it('gives bank-transfer instructions with the exact amount and the order number as reference', async () => {
    const provider = new ManualPaymentProvider(config({ MANUAL_PAYMENT_BANK_NAME: 'Bank Kalsel', MANUAL_PAYMENT_ACCOUNT_NUMBER: '123', MANUAL_PAYMENT_ACCOUNT_NAME: 'Koperasi Lapas' }));
    const created = await provider.createPayment({ orderId: 'o1', orderNumber: 'ETL-2026-000123', amount: 235_000, customerEmail: 'siti@example.com' });
    expect(created).toMatchObject({
      provider: 'manual',
      reference: 'ETL-2026-000123',
      instructions: { method: 'BANK_TRANSFER', bankName: 'Bank Kalsel', accountNumber: '123', accountName: 'Koperasi Lapas', amount: 235_000, reference: 'ETL-2026-000123' },
    });
    expect(created.clientSecret).toBeUndefined();
    expect(created.instructions?.note).toContain('ETL-2026-000123');
  });

  it('has demo defaults, and nothing to cancel or refund at a provider', async () => {
    const provider = new ManualPaymentProvider(config({}));
    const created = await provider.createPayment({ orderId: 'o1', orderNumber: 'ETL-2026-000001', amount: 1, customerEmail: 'a@b.c' });
    expect(created.instructions?.bankName).toBeTruthy();
    await expect(provider.cancelPayment('ETL-2026-000001')).resolves.toBeUndefined();
    await expect(provider.refund({ reference: 'ETL-2026-000001', amount: 1, idempotencyKey: 'k' })).resolves.toEqual({ refundId: null });
  });
});
