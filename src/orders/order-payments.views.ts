import { ApiProperty } from '@nestjs/swagger';
import { PAYMENT_PROVIDERS, PAYMENT_STATUSES, PaymentProviderName, PaymentStatus } from '../payments/payment.types.js';
import { ORDER_STATUSES, OrderStatus } from './order.types.js';

export class ConfirmedPaymentStateView {
  @ApiProperty({ enum: PAYMENT_PROVIDERS }) provider!: PaymentProviderName;
  @ApiProperty({ enum: PAYMENT_STATUSES }) status!: PaymentStatus;
}

/** The order right after an admin confirmed its bank transfer. */
export class ConfirmedPaymentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ETL-2026-000123' }) number!: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: OrderStatus;
  @ApiProperty({ format: 'date-time' }) paidAt!: string;
  @ApiProperty({ type: ConfirmedPaymentStateView }) payment!: ConfirmedPaymentStateView;
}

/** What the webhook answers Stripe: anything 2xx means "do not send this event again". */
export class WebhookAckView {
  @ApiProperty({ example: true }) received!: boolean;
}

/** The order right after an admin refund. */
export class RefundedOrderView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ETL-2026-000123' }) number!: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: OrderStatus;
  @ApiProperty({ description: 'Integer rupiah refunded by this request', example: 150000 }) refundedAmount!: number;
  @ApiProperty({ description: 'Integer rupiah refunded so far, this request included', example: 150000 }) totalRefunded!: number;
  @ApiProperty({ type: ConfirmedPaymentStateView }) payment!: ConfirmedPaymentStateView;
}
