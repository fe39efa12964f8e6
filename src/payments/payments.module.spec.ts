import { Test } from '@nestjs/testing';
import { FakeStripe } from '../../test/support/fake-stripe';
import { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { parseEnvironment } from '../config/environment';
import { ManualPaymentProvider } from './manual.provider';
import { PAYMENT_PROVIDER, PaymentProvider } from './payment-provider';
import { PaymentsModule } from './payments.module';
import { StripeProvider } from './stripe.provider';

async function resolve(env: NodeJS.ProcessEnv): Promise<{ provider: PaymentProvider; stripe: StripeProvider | null }> {
  const config = new AppConfig(parseEnvironment(env), { jwtSecret: 'x'.repeat(40) });
  const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), PaymentsModule] }).compile();
  return { provider: moduleRef.get<PaymentProvider>(PAYMENT_PROVIDER), stripe: moduleRef.get<StripeProvider | null>(StripeProvider) };
}

describe('PaymentsModule', () => {
  it('provides manual bank transfer when Stripe is not configured', async () => {
    const { provider, stripe } = await resolve({});
    expect(provider).toBeInstanceOf(ManualPaymentProvider);
    expect(provider.name).toBe('manual');
    expect(stripe).toBeNull();
  });

  it('provides Stripe when STRIPE_SECRET_KEY is set, and exports the same instance for the webhook', async () => {
    const { provider, stripe } = await resolve({ STRIPE_SECRET_KEY: 'sk_test_abc123', STRIPE_WEBHOOK_SECRET: 'whsec_abc123' });
    expect(provider).toBeInstanceOf(StripeProvider);
    expect(provider.name).toBe('stripe');
    expect(stripe).toBe(provider);
  });

  it('points the SDK at STRIPE_API_URL', async () => {
    const fake = await FakeStripe.start();
    try {
      const { provider } = await resolve({ STRIPE_SECRET_KEY: 'sk_test_abc123', STRIPE_WEBHOOK_SECRET: 'whsec_abc123', STRIPE_API_URL: fake.url });
      const created = await provider.createPayment({ orderId: 'order-1', orderNumber: 'ETL-1', amount: 1000, customerEmail: 'a@example.id' });
      expect(fake.paymentIntent(created.reference ?? '')?.amount).toBe(100_000);
      expect(fake.requests[0]?.headers.authorization).toBe('Bearer sk_test_abc123');
    } finally {
      await fake.close();
    }
  });
});
