import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '../catalog/catalog.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { FacilitiesModule } from '../facilities/facilities.module.js';
import { PaymentsModule } from '../payments/payments.module.js';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { CheckoutLimitsService } from './checkout-limits.service.js';
import { LedgerEntry } from './ledger-entry.entity.js';
import { PaymentEvent } from './payment-event.entity.js';
import { OrderPaymentsAdminController } from './order-payments-admin.controller.js';
import { FulfilmentTransitions } from './fulfilment-transitions.js';
import { LatePayments } from './late-payments.service.js';
import { ManualPaymentsService } from './manual-payments.service.js';
import { OrderTransitions } from './order-transitions.js';
import { PaymentFailuresService } from './payment-failures.service.js';
import { PaymentReturns } from './payment-returns.service.js';
import { PaymentSetupService } from './payment-setup.service.js';
import { PaymentSuccessService } from './payment-success.service.js';
import { PaymentTransitions } from './payment-transitions.js';
import { ProviderRefundsService } from './provider-refunds.service.js';
import { RefundRecorder } from './refund-recorder.service.js';
import { SaleRecorder } from './sale-recorder.service.js';
import { OrderRefundsService } from './order-refunds.service.js';
import { StripeEventsService } from './stripe-events.service.js';
import { StripeWebhookController } from './stripe-webhook.controller.js';
import { CheckoutService } from './checkout.service.js';
import { FulfilmentsAdminController } from './fulfilments-admin.controller.js';
import { FulfilmentsService } from './fulfilments.service.js';
import { Fulfilment } from './fulfilment.entity.js';
import { IdempotencyRecord } from './idempotency-record.entity.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { KeyedCheckoutService } from './keyed-checkout.service.js';
import { IdempotencyService } from './idempotency.service.js';
import { OrderEvent } from './order-event.entity.js';
import { OrderItem } from './order-item.entity.js';
import { Order } from './order.entity.js';
import { OrdersAdminController } from './orders-admin.controller.js';
import { OrdersAdminService } from './orders-admin.service.js';
import { OrderTouchSourcesRegistry } from './order-touch-sources.registry.js';
import { OrdersController } from './orders.controller.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { Payment } from './payment.entity.js';
import { ShopperOrdersService } from './shopper-orders.service.js';
import { OrderCancellationService } from './order-cancellation.service.js';
import { OrderExpiryService } from './order-expiry.service.js';
import { WebCheckoutService } from './web-checkout.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Order, OrderItem, Fulfilment, OrderEvent, Payment, IdempotencyRecord, LedgerEntry, PaymentEvent]), PaymentsModule, AuditModule, FacilitiesModule, CatalogModule, OutboxModule, RateLimitModule],
  controllers: [OrdersController, StripeWebhookController, OrderPaymentsAdminController, OrdersAdminController, FulfilmentsAdminController],
  providers: [
    CheckoutService,
    CheckoutLimitsService,
    OrderRefundsService,
    StripeEventsService,
    ShopperOrdersService,
    OrderCancellationService,
    OrderExpiryService,
    IdempotencyService,
    IdempotencyInterceptor,
    KeyedCheckoutService,
    OrdersAdminService,
    OrderTouchSourcesRegistry,
    FulfilmentsService,
    // State changes: the only writers of order, fulfilment and payment statuses.
    OrderTransitions,
    FulfilmentTransitions,
    PaymentTransitions,
    // Payments, one job each.
    PaymentSetupService,
    PaymentSuccessService,
    SaleRecorder,
    LatePayments,
    PaymentReturns,
    PaymentFailuresService,
    ProviderRefundsService,
    RefundRecorder,
    ManualPaymentsService,
    WebCheckoutService,
  ],
  exports: [IdempotencyService, IdempotencyInterceptor, KeyedCheckoutService, WebCheckoutService, OrderTouchSourcesRegistry],
})
export class OrdersModule {}
