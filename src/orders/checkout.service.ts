import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { ValidationError } from '../common/errors/domain-error.js';
import { AppConfig } from '../config/app-config.js';
import { RefusedLine, SaleDeliveryRequest, SellabilityService } from '../catalog/sellability.service.js';
import { inLockOrder, ReservationRefusal, ReservedProduct, StockPort } from '../catalog/stock.port.js';
import { Facility } from '../facilities/facility.entity.js';
import { PAYMENT_PROVIDER, PaymentProvider } from '../payments/payment-provider.js';
import type { CreateOrderDto, OrderLineDto } from './dto/create-order.dto.js';
import { Fulfilment } from './fulfilment.entity.js';
import { IdempotencyService } from './idempotency.service.js';
import { keptAnswer } from './idempotent-answer.js';
import { OrderEvent } from './order-event.entity.js';
import { OrderItem } from './order-item.entity.js';
import { saleClassifications, type SaleClassification } from './order-line-snapshot.queries.js';
import { loadOrderParts } from './order-parts.queries.js';
import { formatOrderNumber, hashOrderToken, IdempotencyRef, newOrderToken, OrderTokenDeriver, orderTokenMatches } from './order-token.js';
import { Order } from './order.entity.js';
import { CreatedOrderView, OrderFacilityView, OrderPaymentView, toOrderView } from './order.views.js';
import {
  CheckoutAbandoned,
  FacilityNotSelling,
  FoodPermitLapsed,
  OrderNotFound,
  OrderProductNotFound,
  OutOfStock,
  OutsideDeliveryZone,
  PickupNotOffered,
  PickupOnlyItem,
  ProductNotAvailable,
  QuantityLimitExceeded,
} from './orders.errors.js';
import { assertScope } from '../auth/partner-caller.js';
import { CheckoutClient, CheckoutLimitsService } from './checkout-limits.service.js';
import type { CheckoutHolder } from './client-identity.js';
import { OrderExpiryService } from './order-expiry.service.js';
import { firstLineOverLimit } from './quantity-limit.js';
import { Payment } from './payment.entity.js';
import { PaymentSetupService } from './payment-setup.service.js';
import { shippingFee } from './shipping.js';
import type { OrderAttribution } from './order-attribution.types.js';

const MAX_INTEGER = 2_147_483_647;
/** Orders through the API, by partners, or without a campaign touch. */
const NO_ATTRIBUTION: OrderAttribution = { firstTouchCode: null, firstTouchAt: null, lastTouchCode: null, lastTouchAt: null };

interface PlacedOrder {
  order: Order;
  items: OrderItem[];
  fulfilments: Fulfilment[];
  facilities: Map<string, OrderFacilityView>;
  /** Shown once, in the answer; only its hash is stored. */
  accessToken: string;
}

/**
 * POST /orders: reserves stock and writes the order with its payment row (PENDING, no provider
 * reference yet) in one transaction, then asks the payment provider for the payment outside it (a
 * slow or failing provider never holds row locks) and stores the provider's reference. A process
 * that dies in between leaves an order whose payment has no reference: the expiry sweep cancels
 * such orders after a grace period and gives their stock back. With an Idempotency-Key the key is
 * bound to the order in the same transaction, and a retry resumes that order (`resume`): the
 * payment step again, never a second order.
 */
@Injectable()
export class CheckoutService {

  private readonly tokens: OrderTokenDeriver;

  constructor(
    private readonly expiry: OrderExpiryService,
    private readonly limits: CheckoutLimitsService,
    private readonly idempotency: IdempotencyService,
    private readonly paymentSetup: PaymentSetupService,
    private readonly stock: StockPort,
    private readonly sellability: SellabilityService,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @Inject(PAYMENT_PROVIDER) private readonly payments: PaymentProvider,
  ) {
    this.tokens = new OrderTokenDeriver(config.jwtSecret);
  }

  /**
   * Within the client's limits (attempts per window, unpaid orders at once). If the provider
   * fails the order stays PENDING_PAYMENT until the sweep cancels it (its stock comes back) and
   * the caller gets PAYMENT_PROVIDER_ERROR (502).
   */
  async checkout(dto: CreateOrderDto, client: CheckoutClient, idempotency?: IdempotencyRef): Promise<CreatedOrderView> {
    if (client.partner) assertScope(client.partner, 'orders:write');
    const holder = this.limits.holderOf(client, dto.customer.email);
    await this.limits.countAttempt(holder);
    // Keyed orders get a token their requester can be given again on a replay; others a random one.
    const tokenFor = (number: string): string => (idempotency ? this.tokens.derive(idempotency, number) : newOrderToken());
    const placed = await this.dataSource.transaction(async (em) => {
      await this.limits.refuseWhenFull(em, holder);
      const order = await this.placeOrder(em, dto, tokenFor, holder, client.attribution);
      await this.limits.confirmHold(em, holder);
      if (idempotency) await this.idempotency.bind(em, idempotency, order.order.id);
      return order;
    });
    const payment = await this.paymentSetup.start(placed.order, placed.items);
    return { ...toOrderView({ ...placed, payment }), accessToken: placed.accessToken };
  }

  /** The first answer of a replayed keyed checkout, as kept, with its access token derived again. */
  replay(kept: string, idempotency: IdempotencyRef): CreatedOrderView {
    return keptAnswer(kept, (number) => this.tokens.derive(idempotency, number));
  }

  /**
   * A checkout retried with an Idempotency-Key already bound to an order whose answer was never
   * given (a 502, a crash) or no longer opens: that order, with the
   * payment step run again while it awaits payment (after a 502 or a crash it is what never
   * finished; otherwise the provider answers with the same payment), and the same access token,
   * derived again. An order cancelled before its payment was ever set up cannot be resumed.
   */
  async resume(orderId: string, idempotency: IdempotencyRef): Promise<CreatedOrderView> {
    const order = await this.dataSource.getRepository(Order).findOneBy({ id: orderId });
    if (!order) throw new OrderNotFound();
    const accessToken = this.tokens.derive(idempotency, order.number);
    if (!orderTokenMatches(accessToken, order.accessTokenHash)) {
      // Bound before tokens were derived, or the app secret changed: the requester gets a working token, the old one stops.
      await this.dataSource.getRepository(Order).update({ id: order.id, accessTokenHash: order.accessTokenHash }, { accessTokenHash: hashOrderToken(accessToken) });
    }
    const { payment: row, ...parts } = await loadOrderParts(this.dataSource.manager, order);
    let payment: OrderPaymentView | null = row ? { provider: row.provider, status: row.status } : null;
    if (order.status === 'PENDING_PAYMENT') payment = await this.paymentSetup.start(order, parts.items);
    else if (row?.providerReference === null) throw new CheckoutAbandoned(order.number, order.cancelReason);
    return { ...toOrderView({ ...parts, payment }), accessToken };
  }

  private async placeOrder(em: EntityManager, dto: CreateOrderDto, tokenFor: (number: string) => string, holder: CheckoutHolder, attribution: OrderAttribution | undefined): Promise<PlacedOrder> {
    const partnerId = holder.kind === 'partner' ? holder.partnerId : null;
    const method = dto.delivery.method;
    // The order's id is known before its row exists, so every stock movement names it.
    const orderId = randomUUID();
    const products = new Map<string, ReservedProduct>();
    for (const line of inLockOrder(dto.items)) {
      const reserved = await this.stock.reserve(em, line, { orderId });
      if (!reserved) throw reservationError(await this.stock.whyNotReserved(em, line.productId), line.productId);
      products.set(line.productId, reserved);
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

    // The product part of the sale rule held for the reserving UPDATE; the facility and delivery parts are checked here.
    const delivery: SaleDeliveryRequest = method === 'SHIPPING' ? { method, province: dto.delivery.address?.province ?? '' } : { method };
    const sale = await this.sellability.check(
      em,
      lines.map(({ product }, index) => ({ index, productId: product.id, facilityId: product.facilityId, kind: product.kind, status: 'PUBLISHED', deleted: false, foodPermitValidUntil: product.foodPermitValidUntil })),
      facilities,
      delivery,
    );
    if (sale.refused.length > 0) throw saleError(sale.refused, lines.map(({ product }) => product), facilities, delivery.method === 'SHIPPING' ? (sale.province?.name ?? delivery.province) : '');

    const groups = facilities.map((facility) => {
      const group = lines.filter(({ product }) => product.facilityId === facility.id);
      const weight = group.reduce((sum, { line, product }) => sum + product.weightGrams * line.quantity, 0);
      return { facility, group, weight, fee: shippingFee(facility, method, weight) };
    });

    const subtotal = lines.reduce((sum, { line, product }) => sum + product.price * line.quantity, 0);
    const shippingTotal = groups.reduce((sum, g) => sum + g.fee, 0);
    if (subtotal + shippingTotal > MAX_INTEGER) throw new ValidationError('items', 'add up to more than one order can hold; split the order');

    const [{ seq }] = await em.query<[{ seq: string }]>(`SELECT nextval('order_number_seq')::text AS seq`);
    const now = new Date();
    const number = formatOrderNumber(now.getUTCFullYear(), seq);
    const accessToken = tokenFor(number);
    const order = await em.getRepository(Order).save(
      em.getRepository(Order).create({
        id: orderId,
        // The status is the column's default, PENDING_PAYMENT: only the transition modules write statuses.
        number,
        customerName: dto.customer.name,
        customerEmail: dto.customer.email,
        customerPhone: dto.customer.phone,
        deliveryMethod: method,
        deliveryAddress: dto.delivery.address ? { ...dto.delivery.address } : null,
        note: dto.note ?? '',
        subtotal,
        shippingTotal,
        total: subtotal + shippingTotal,
        accessTokenHash: hashOrderToken(accessToken),
        partnerId,
        clientIpHash: holder.kind === 'anonymous' ? holder.ipHash : null,
        customerEmailKey: holder.kind === 'anonymous' ? holder.emailKey : null,
        ...(attribution ?? NO_ATTRIBUTION),
        expiresAt: new Date(now.getTime() + this.limits.holdMinutes(holder) * 60_000),
        paidAt: null,
        cancelledAt: null,
        cancelReason: null,
      }),
    );

    const classifications = await saleClassifications(em, [...products.keys()]);
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
      items.push(...(await em.getRepository(OrderItem).save(group.map(({ line, product }) => this.snapshot(order, fulfilment, line, product, classifications.get(product.id) as SaleClassification)))));
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
      accessToken,
    };
  }

  private snapshot(order: Order, fulfilment: Fulfilment, line: OrderLineDto, product: ReservedProduct, classified: SaleClassification): OrderItem {
    return Object.assign(new OrderItem(), {
      orderId: order.id,
      fulfilmentId: fulfilment.id,
      productId: product.id,
      facilityId: product.facilityId,
      productName: product.name,
      program: classified.program,
      categoryId: classified.categoryId,
      unitPrice: product.price,
      unitCost: product.unitCost,
      weightGrams: product.weightGrams,
      quantity: line.quantity,
      lineTotal: product.price * line.quantity,
      refundedQuantity: 0,
    });
  }
}

/** Turns "no row updated" into the reason the shopper needs; the transaction then rolls back. */
function reservationError(refusal: ReservationRefusal, productId: string): Error {
  switch (refusal.reason) {
    case 'NOT_FOUND':
      return new OrderProductNotFound(productId);
    case 'NOT_FOR_SALE':
      return new ProductNotAvailable(refusal.name);
    case 'FOOD_PERMIT_LAPSED':
      return new FoodPermitLapsed(refusal.name);
    case 'OUT_OF_STOCK':
      return new OutOfStock(refusal.name, refusal.available);
  }
}

/**
 * The first line's refusal, except that lines outside their delivery zone are answered together
 * (the shopper can drop them all, or pick another address, at once).
 */
function saleError(refused: readonly RefusedLine[], products: readonly ReservedProduct[], facilities: readonly Facility[], province: string): Error {
  const outside = refused.filter((line) => line.refusal.reason === 'OUTSIDE_DELIVERY_ZONE');
  const first = refused.find((line) => line.refusal.reason !== 'OUTSIDE_DELIVERY_ZONE');
  const facilityName = (id: string): string => facilities.find((f) => f.id === id)?.name ?? 'The facility';
  if (first) {
    const name = products[first.index]?.name ?? first.productId;
    switch (first.refusal.reason) {
      case 'NOT_FOR_SALE':
        return new ProductNotAvailable(name);
      case 'FOOD_PERMIT_LAPSED':
        return new FoodPermitLapsed(name);
      case 'FACILITY_NOT_SELLING':
        return new FacilityNotSelling(facilityName(first.facilityId));
      case 'PICKUP_NOT_OFFERED':
        return new PickupNotOffered(facilityName(first.facilityId));
      case 'PICKUP_ONLY_ITEM':
        return new PickupOnlyItem(name, facilityName(first.facilityId));
    }
  }
  return new OutsideDeliveryZone(
    province,
    outside.map((line) => ({ index: line.index, productId: line.productId, name: products[line.index]?.name ?? line.productId, facilityName: facilityName(line.facilityId) })),
  );
}
