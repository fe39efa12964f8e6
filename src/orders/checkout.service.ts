import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { ValidationError } from '../common/errors/domain-error.js';
import { AppConfig } from '../config/app-config.js';
import { Facility } from '../facilities/facility.entity.js';
import { PAYMENT_PROVIDER, PaymentProvider } from '../payments/payment-provider.js';
import type { CreateOrderDto, OrderLineDto } from './dto/create-order.dto.js';
import { Fulfilment } from './fulfilment.entity.js';
import { OrderEvent } from './order-event.entity.js';
import { eventBase, eventLines, totalsOf } from './order-event-payloads.js';
import type { OrderEventPayloads } from './order-events.js';
import { OrderItem } from './order-item.entity.js';
import { inLockOrder, productAvailability, ReservedProduct, reserveStock } from './order-stock.queries.js';
import { formatOrderNumber, hashOrderToken, newOrderToken } from './order-token.js';
import { Order } from './order.entity.js';
import { CreatedOrderView, OrderFacilityView, OrderPaymentView, toOrderView } from './order.views.js';
import {
  FacilityNotSelling,
  FoodPermitLapsed,
  OrderProductNotFound,
  OutOfStock,
  PaymentSetupFailed,
  PickupNotOffered,
  PickupOnlyItem,
  ProductNotAvailable,
  QuantityLimitExceeded,
} from './orders.errors.js';
import { Outbox } from '../outbox/outbox.js';
import { assertScope } from '../auth/partner-caller.js';
import { CheckoutClient, CheckoutLimitsService } from './checkout-limits.service.js';
import type { CheckoutHolder } from './client-identity.js';
import { OrderExpiryService } from './order-expiry.service.js';
import { firstLineOverLimit } from './quantity-limit.js';
import { Payment } from './payment.entity.js';
import { deliveryRefusal, shippingFee } from './shipping.js';

const MAX_INTEGER = 2_147_483_647;

interface PlacedOrder {
  order: Order;
  items: OrderItem[];
  fulfilments: Fulfilment[];
  facilities: Map<string, OrderFacilityView>;
}

/**
 * POST /orders: reserves stock and writes the order with its payment row (PENDING, no provider
 * reference yet) in one transaction, then asks the payment provider for the payment outside it (a
 * slow or failing provider never holds row locks) and stores the provider's reference. A process
 * that dies in between leaves an order whose payment has no reference: the expiry sweep cancels
 * such orders after a grace period and gives their stock back (nobody holds a token for them).
 */
@Injectable()
export class CheckoutService {
  private readonly logger = new Logger('Checkout');

  constructor(
    private readonly outbox: Outbox,
    private readonly expiry: OrderExpiryService,
    private readonly limits: CheckoutLimitsService,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @Inject(PAYMENT_PROVIDER) private readonly payments: PaymentProvider,
  ) {}

  /**
   * Within the client's limits (attempts per window, unpaid orders at once). If the provider
   * fails the order stays PENDING_PAYMENT until the sweep cancels it (its stock comes back) and
   * the caller gets PAYMENT_PROVIDER_ERROR (502).
   */
  async checkout(dto: CreateOrderDto, client: CheckoutClient): Promise<CreatedOrderView> {
    if (client.partner) assertScope(client.partner, 'orders:write');
    const holder = this.limits.holderOf(client, dto.customer.email);
    await this.limits.countAttempt(holder);
    const accessToken = newOrderToken();
    const placed = await this.dataSource.transaction(async (em) => {
      await this.limits.refuseWhenFull(em, holder);
      const order = await this.placeOrder(em, dto, hashOrderToken(accessToken), holder);
      await this.limits.confirmHold(em, holder);
      return order;
    });
    const payment = await this.startPayment(placed.order, placed.items);
    return { ...toOrderView({ ...placed, payment }), accessToken };
  }

  private async placeOrder(em: EntityManager, dto: CreateOrderDto, accessTokenHash: string, holder: CheckoutHolder): Promise<PlacedOrder> {
    const partnerId = holder.kind === 'partner' ? holder.partnerId : null;
    const method = dto.delivery.method;
    const products = new Map<string, ReservedProduct>();
    for (const line of inLockOrder(dto.items)) {
      const reserved = await reserveStock(em, line);
      if (!reserved) throw await this.whyNotReserved(em, line);
      products.set(line.productId, reserved);
    }

    const today = new Date().toISOString().slice(0, 10);
    for (const product of products.values()) {
      if (product.kind === 'FOOD' && (product.foodPermitValidUntil === null || product.foodPermitValidUntil < today)) {
        throw new FoodPermitLapsed(product.name);
      }
    }

    const facilityIds = [...new Set([...products.values()].map((p) => p.facilityId))];
    const facilities = await em.getRepository(Facility).findBy({ id: In(facilityIds) });
    const lines = dto.items.map((line) => ({ line, product: products.get(line.productId) as ReservedProduct }));
    const overLimit = firstLineOverLimit(lines.map(({ line, product }) => ({ quantity: line.quantity, product })), this.config.checkout.maxQuantityPerProduct);
    if (overLimit) {
      const { product } = lines[overLimit.index] as { product: ReservedProduct };
      const facility = facilities.find((f) => f.id === product.facilityId);
      throw new QuantityLimitExceeded(overLimit.index, product.name, overLimit.limit, {
        facilityName: facility?.name ?? 'the facility',
        facilitySlug: facility?.slug ?? '',
        phone: facility?.phone ?? null,
        email: facility?.email ?? null,
      });
    }

    const groups = facilities.map((facility) => {
      if (!facility.active) throw new FacilityNotSelling(facility.name);
      const group = lines.filter(({ product }) => product.facilityId === facility.id);
      const refusal = deliveryRefusal(facility, method, group.map(({ product }) => product));
      if (refusal?.reason === 'PICKUP_NOT_OFFERED') throw new PickupNotOffered(facility.name);
      if (refusal?.reason === 'PICKUP_ONLY_ITEM') throw new PickupOnlyItem(refusal.productName, facility.name);
      const weight = group.reduce((sum, { line, product }) => sum + product.weightGrams * line.quantity, 0);
      return { facility, group, weight, fee: shippingFee(facility, method, weight) };
    });

    const subtotal = lines.reduce((sum, { line, product }) => sum + product.price * line.quantity, 0);
    const shippingTotal = groups.reduce((sum, g) => sum + g.fee, 0);
    if (subtotal + shippingTotal > MAX_INTEGER) throw new ValidationError('items', 'add up to more than one order can hold; split the order');

    const [{ seq }] = await em.query<[{ seq: string }]>(`SELECT nextval('order_number_seq')::text AS seq`);
    const now = new Date();
    const order = await em.getRepository(Order).save(
      em.getRepository(Order).create({
        // The status is the column's default, PENDING_PAYMENT: only the transition modules write statuses.
        number: formatOrderNumber(now.getUTCFullYear(), seq),
        customerName: dto.customer.name,
        customerEmail: dto.customer.email,
        customerPhone: dto.customer.phone,
        deliveryMethod: method,
        deliveryAddress: dto.delivery.address ? { ...dto.delivery.address } : null,
        note: dto.note ?? '',
        subtotal,
        shippingTotal,
        total: subtotal + shippingTotal,
        accessTokenHash,
        partnerId,
        clientIpHash: holder.kind === 'anonymous' ? holder.ipHash : null,
        customerEmailKey: holder.kind === 'anonymous' ? holder.emailKey : null,
        expiresAt: new Date(now.getTime() + this.limits.holdMinutes(holder) * 60_000),
        paidAt: null,
        cancelledAt: null,
        cancelReason: null,
      }),
    );

    const fulfilments: Fulfilment[] = [];
    const items: OrderItem[] = [];
    for (const { facility, group, weight, fee } of groups) {
      const fulfilment = await em.getRepository(Fulfilment).save(
        em.getRepository(Fulfilment).create({
          orderId: order.id,
          facilityId: facility.id,
          deliveryMethod: method,
          shippingFee: fee,
          totalWeightGrams: weight,
          courier: null,
          trackingNumber: null,
          shippedAt: null,
          deliveredAt: null,
        }),
      );
      fulfilments.push(fulfilment);
      items.push(...(await em.getRepository(OrderItem).save(group.map(({ line, product }) => this.snapshot(order, fulfilment, line, product)))));
    }

    await em.getRepository(OrderEvent).insert({
      orderId: order.id,
      fulfilmentId: null,
      fromStatus: null,
      toStatus: 'PENDING_PAYMENT',
      actorType: partnerId ? 'PARTNER' : 'SHOPPER',
      actorId: partnerId,
      reason: null,
    });
    // Committed with the order: whatever happens after the commit, the order has a payment row.
    await em.getRepository(Payment).insert({
      orderId: order.id,
      provider: this.payments.name,
      providerReference: null,
      amount: order.total,
      refundedAmount: 0,
      failureReason: null,
    });
    await this.expiry.schedule(em, order);

    return {
      order,
      items,
      fulfilments,
      facilities: new Map(facilities.map((f) => [f.id, { id: f.id, slug: f.slug, name: f.name }])),
    };
  }

  private snapshot(order: Order, fulfilment: Fulfilment, line: OrderLineDto, product: ReservedProduct): OrderItem {
    return Object.assign(new OrderItem(), {
      orderId: order.id,
      fulfilmentId: fulfilment.id,
      productId: product.id,
      facilityId: product.facilityId,
      productName: product.name,
      unitPrice: product.price,
      unitCost: product.unitCost,
      weightGrams: product.weightGrams,
      quantity: line.quantity,
      lineTotal: product.price * line.quantity,
      refundedQuantity: 0,
    });
  }

  /** Turns "no row updated" into the reason the shopper needs; the transaction then rolls back. */
  private async whyNotReserved(em: EntityManager, line: OrderLineDto): Promise<Error> {
    const product = await productAvailability(em, line.productId);
    if (!product) return new OrderProductNotFound(line.productId);
    if (product.deleted || product.status !== 'PUBLISHED') return new ProductNotAvailable(product.name);
    return new OutOfStock(product.name, product.stock);
  }

  /**
   * After the commit: asks the provider for the payment and stores its reference on the order's
   * payment row. Only a row still waiting for one takes it; if the sweep has meanwhile cancelled the
   * order (the provider took longer than the grace period), the payment is cancelled at the
   * provider and the shopper never receives it. `order.created` (the shopper's e-mail, with the
   * bank transfer to make) goes out with the reference, so an order whose payment was never set
   * up (a 502, a crash) never tells anyone how to pay it.
   */
  private async startPayment(order: Order, items: readonly OrderItem[]): Promise<OrderPaymentView> {
    let created;
    try {
      created = await this.payments.createPayment({ orderId: order.id, orderNumber: order.number, amount: order.total, customerEmail: order.customerEmail });
    } catch (error) {
      this.logger.error({ err: error, orderId: order.id, provider: this.payments.name }, 'Payment provider failed at checkout');
      throw new PaymentSetupFailed(order.number);
    }
    const stored = await this.dataSource.transaction(async (em) => {
      const [rows] = await em.query<[{ id: string }[], number]>(
        `UPDATE payment SET provider_reference = $2, updated_at = now()
          WHERE order_id = $1 AND status = 'PENDING' AND provider_reference IS NULL
          RETURNING id`,
        [order.id, created.reference],
      );
      if (rows.length === 0) return false;
      await this.outbox.publish(em, {
        type: 'order.created',
        aggregateType: 'order',
        aggregateId: order.id,
        payload: {
          ...eventBase(order),
          ...totalsOf(order),
          lines: eventLines(items),
          facilityIds: [...new Set(items.map((item) => item.facilityId))],
          paymentProvider: created.provider,
        } satisfies OrderEventPayloads['order.created'],
      });
      return true;
    });
    if (!stored) {
      this.logger.warn({ orderId: order.id }, 'The order was cancelled while its payment was being set up; cancelling the payment');
      await this.payments.cancelPayment(created.reference).catch((error: unknown) => {
        this.logger.error({ err: error, orderId: order.id, reference: created.reference }, 'Could not cancel the payment at the provider');
      });
      throw new PaymentSetupFailed(order.number);
    }
    return {
      provider: created.provider,
      status: 'PENDING',
      ...(created.clientSecret !== undefined && { clientSecret: created.clientSecret }),
      ...(created.instructions !== undefined && { instructions: created.instructions }),
    };
  }
}
