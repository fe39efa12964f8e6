import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { ManualPaymentProvider } from './manual.provider.js';
import { PAYMENT_PROVIDER, PaymentProvider } from './payment-provider.js';
import { StripeProvider } from './stripe.provider.js';

/**
 * Provides the configured PaymentProvider under PAYMENT_PROVIDER: Stripe when STRIPE_SECRET_KEY is
 * set, otherwise manual bank transfer. StripeProvider is exported for the webhook's signature
 * check and is null when Stripe is not configured: inject it as
 * `@Inject(StripeProvider) stripe: StripeProvider | null`.
 */
@Module({
  providers: [
    ManualPaymentProvider,
    {
      provide: StripeProvider,
      inject: [AppConfig],
      useFactory: (config: AppConfig): StripeProvider | null => (config.stripe ? new StripeProvider(config.stripe) : null),
    },
    {
      provide: PAYMENT_PROVIDER,
      inject: [StripeProvider, ManualPaymentProvider],
      useFactory: (stripe: StripeProvider | null, manual: ManualPaymentProvider): PaymentProvider => stripe ?? manual,
    },
  ],
  exports: [PAYMENT_PROVIDER, StripeProvider],
})
export class PaymentsModule {}
