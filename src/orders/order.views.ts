import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COURIERS, Courier } from '../facilities/facility.types.js';
import type { PaymentInstructions } from '../payments/payment-provider.js';
import { PAYMENT_PROVIDERS, PAYMENT_STATUSES, PaymentProviderName, PaymentStatus } from '../payments/payment.types.js';
import type { Fulfilment } from './fulfilment.entity.js';
import type { DeliveryAddress, Order } from './order.entity.js';
import type { OrderItem } from './order-item.entity.js';
import { DELIVERY_METHODS, DeliveryMethod, FULFILMENT_STATUSES, FulfilmentStatus, ORDER_STATUSES, OrderStatus } from './order.types.js';

export class OrderFacilityView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'lapas-banjarmasin' }) slug!: string;
  @ApiProperty({ example: 'Lapas Kelas IIA Banjarmasin' }) name!: string;
}

export class OrderItemView {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ description: 'As it was at checkout' }) name!: string;
  @ApiProperty({ description: 'Integer rupiah, as it was at checkout' }) unitPrice!: number;
  @ApiProperty() quantity!: number;
  @ApiProperty({ description: 'Integer rupiah' }) lineTotal!: number;
  @ApiProperty({ type: OrderFacilityView }) facility!: OrderFacilityView;
}

export class FulfilmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: OrderFacilityView }) facility!: OrderFacilityView;
  @ApiProperty({ enum: FULFILMENT_STATUSES }) status!: FulfilmentStatus;
  @ApiProperty({ enum: COURIERS, nullable: true }) courier!: Courier | null;
  @ApiProperty({ nullable: true, type: String }) trackingNumber!: string | null;
  @ApiProperty({ description: 'Integer rupiah; 0 for pickup' }) shippingFee!: number;
  @ApiProperty({ enum: DELIVERY_METHODS }) deliveryMethod!: DeliveryMethod;
}

export class OrderCustomerView {
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty() phone!: string;
}

export class OrderAddressView implements DeliveryAddress {
  @ApiProperty() recipient!: string;
  @ApiProperty() phone!: string;
  @ApiProperty() line1!: string;
  @ApiPropertyOptional() line2?: string;
  @ApiProperty() city!: string;
  @ApiProperty() province!: string;
  @ApiProperty() postalCode!: string;
}

export class OrderDeliveryView {
  @ApiProperty({ enum: DELIVERY_METHODS }) method!: DeliveryMethod;
  @ApiProperty({ type: OrderAddressView, nullable: true }) address!: OrderAddressView | null;
}

export class PaymentInstructionsView implements PaymentInstructions {
  @ApiProperty({ enum: ['BANK_TRANSFER'] }) method!: 'BANK_TRANSFER';
  @ApiProperty() bankName!: string;
  @ApiProperty() accountNumber!: string;
  @ApiProperty() accountName!: string;
  @ApiProperty({ description: 'Integer rupiah' }) amount!: number;
  @ApiProperty({ description: 'The order number' }) reference!: string;
  @ApiProperty() note!: string;
}

export class OrderPaymentView {
  @ApiProperty({ enum: PAYMENT_PROVIDERS }) provider!: PaymentProviderName;
  @ApiProperty({ enum: PAYMENT_STATUSES }) status!: PaymentStatus;
  @ApiPropertyOptional({ description: 'Stripe: confirm the payment with it on the client (create response only)' }) clientSecret?: string;
  @ApiPropertyOptional({ type: PaymentInstructionsView, description: 'Manual bank transfer (create response only)' }) instructions?: PaymentInstructionsView;
}

export class OrderView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ETL-2026-000123' }) number!: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: OrderStatus;
  @ApiProperty({ type: [OrderItemView] }) items!: OrderItemView[];
  @ApiProperty({ type: [FulfilmentView] }) fulfilments!: FulfilmentView[];
  @ApiProperty({ description: 'Integer rupiah' }) subtotal!: number;
  @ApiProperty({ description: 'Integer rupiah' }) shippingTotal!: number;
  @ApiProperty({ description: 'Integer rupiah' }) total!: number;
  @ApiProperty({ enum: ['IDR'] }) currency!: 'IDR';
  @ApiProperty({ type: OrderCustomerView }) customer!: OrderCustomerView;
  @ApiProperty({ type: OrderDeliveryView }) delivery!: OrderDeliveryView;
  @ApiProperty() note!: string;
  @ApiProperty({ type: OrderPaymentView, nullable: true, description: 'null when the provider failed at checkout' }) payment!: OrderPaymentView | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', description: 'An unpaid order is cancelled after this' }) expiresAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) cancelledAt!: string | null;
}

export class CreatedOrderView extends OrderView {
  @ApiProperty({ description: 'Shown once: send it as X-Order-Token to read or cancel the order' }) accessToken!: string;
}

export interface OrderParts {
  order: Order;
  items: readonly OrderItem[];
  fulfilments: readonly Fulfilment[];
  facilities: ReadonlyMap<string, OrderFacilityView>;
  payment: OrderPaymentView | null;
}

export function toOrderView({ order, items, fulfilments, facilities, payment }: OrderParts): OrderView {
  const facility = (id: string): OrderFacilityView => {
    const found = facilities.get(id);
    if (!found) throw new Error(`toOrderView needs facility ${id}`);
    return found;
  };
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    items: [...items].sort(byName((item) => item.productName)).map((item) => ({
      productId: item.productId,
      name: item.productName,
      unitPrice: item.unitPrice,
      quantity: item.quantity,
      lineTotal: item.lineTotal,
      facility: facility(item.facilityId),
    })),
    fulfilments: [...fulfilments].sort(byName((f) => facility(f.facilityId).name)).map((f) => ({
      id: f.id,
      facility: facility(f.facilityId),
      status: f.status,
      courier: f.courier,
      trackingNumber: f.trackingNumber,
      shippingFee: f.shippingFee,
      deliveryMethod: f.deliveryMethod,
    })),
    subtotal: order.subtotal,
    shippingTotal: order.shippingTotal,
    total: order.total,
    currency: 'IDR',
    customer: { name: order.customerName, email: order.customerEmail, phone: order.customerPhone },
    delivery: { method: order.deliveryMethod, address: order.deliveryAddress },
    note: order.note,
    payment,
    createdAt: order.createdAt.toISOString(),
    expiresAt: order.expiresAt.toISOString(),
    cancelledAt: order.cancelledAt?.toISOString() ?? null,
  };
}

/** Stable order for lines and fulfilments, the same on create, replay and read. */
function byName<T extends { id: string }>(name: (value: T) => string): (a: T, b: T) => number {
  return (a, b) => name(a).localeCompare(name(b)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
