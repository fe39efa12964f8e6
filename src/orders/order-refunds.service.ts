import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { isInScope } from '../auth/access-policy.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../common/errors/domain-error.js';
import { StockPort } from '../catalog/stock.port.js';
import { Facility } from '../facilities/facility.entity.js';
import { PAYMENT_PROVIDER, PaymentProvider } from '../payments/payment-provider.js';
import type { RefundOrderDto } from './dto/refund-order.dto.js';
import { LedgerRefund, refundUnits, unitsLeft } from './ledger.js';
import { OrderEvent } from './order-event.entity.js';
import type { OrderItem } from './order-item.entity.js';
import { lockOrder, paymentOf } from './order-locks.js';
import { OrderNotRefundable } from './order-payments.errors.js';
import { RefundedOrderView } from './order-payments.views.js';
import { ORDER_TRANSITIONS } from './order-state.js';
import type { OrderStatus } from './order.types.js';
import { OrderNotFound } from './orders.errors.js';
import { linesOf, OrderLedger, RefundRecorder } from './refund-recorder.service.js';

const REFUND_STATUSES: readonly OrderStatus[] = ['PARTIALLY_REFUNDED', 'REFUNDED'];

/**
 * Admin refunds: the whole order (what is left of it, shipping included) or some units of some
 * lines. One transaction that locks the order, records the refund (ledger from the ledger module,
 * stock, payment, status) and asks the provider for the money last, before committing: a provider
 * error rolls everything back, and the provider's later `charge.refunded` finds its amount recorded.
 */
@Injectable()
export class OrderRefundsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly refunds: RefundRecorder,
    private readonly audit: AuditService,
    @Inject(PAYMENT_PROVIDER) private readonly payments: PaymentProvider,
    private readonly stock: StockPort,
  ) {}

  refund(user: AuthUser, orderId: string, dto: RefundOrderDto): Promise<RefundedOrderView> {
    return this.dataSource.transaction(async (em) => {
      const order = await lockOrder(em, orderId);
      const items = await linesOf(em, orderId);
      const facilities = await em.getRepository(Facility).findBy({ id: In([...new Set(items.map((i) => i.facilityId))]) });
      const inScope = new Set(facilities.filter((f) => isInScope(user, f)).map((f) => f.id));
      if (inScope.size === 0) throw new OrderNotFound();
      if (ORDER_TRANSITIONS[order.status].refund_part === undefined) throw new OrderNotRefundable(order.number, order.status);
      const payment = await paymentOf(em, order);
      const ledger = await this.refunds.ledgerOf(em, order, payment, items);

      const full = dto.items === undefined;
      const requested = full ? remainingUnits(ledger) : requestedUnits(ledger, dto.items ?? []);
      for (const { item } of requested) {
        if (!inScope.has(item.facilityId)) {
          throw new ForbiddenError(`Order line ${item.productName} belongs to another facility's fulfilment; only its own facility or a regional admin can refund it`);
        }
      }
      // A full refund gives back shipping too, which no single facility owns.
      if (full && inScope.size < facilities.length) {
        throw new ForbiddenError('This order has lines from other facilities; refund your own lines with `items`, or ask a regional admin for a full refund');
      }
      const lines: LedgerRefund[] = requested.map(({ item, units }) => refundUnits(lineOf(ledger, item), units));
      const amount = full ? payment.amount - payment.refundedAmount : lines.reduce((sum, line) => sum + line.amount, 0);
      if (amount <= 0) throw new ValidationError('items', 'must refund at least one unit');
      if (payment.refundedAmount + amount > payment.amount) throw new ValidationError('items', 'would refund more than was paid');

      const before = { status: order.status, paymentStatus: payment.status, refundedAmount: payment.refundedAmount };
      // Every refund so far (admin or provider-reported) moved the order once; this one is the next.
      const refundNumber = (await em.getRepository(OrderEvent).countBy({ orderId, fulfilmentId: IsNull(), paymentId: IsNull(), toStatus: In([...REFUND_STATUSES]) })) + 1;
      const recorded = await this.refunds.record(
        em,
        { order, payment, lines, amount },
        { type: 'ADMIN', id: user.id },
        `Refunded Rp${amount} (Rp${payment.refundedAmount + amount} of Rp${payment.amount} so far): ${dto.reason}`,
      );
      if (dto.restock) {
        await this.stock.return(em, requested.map(({ item, units }) => ({ orderId, productId: item.productId, quantity: units })), { actorId: user.id, note: dto.reason });
      }
      const facility = facilities.find((f) => inScope.has(f.id) && requested.some(({ item }) => item.facilityId === f.id)) ?? facilities.find((f) => inScope.has(f.id));
      await this.audit.record(em, user, {
        action: 'order.refund',
        entityType: 'order',
        entityId: orderId,
        facilityId: facility?.id ?? null,
        kanwilId: facility?.kanwilId ?? null,
        before,
        after: { status: recorded.status, paymentStatus: payment.status, refundedAmount: recorded.refundedAmount },
      });

      // Last, still inside the transaction: a provider error rolls back all of the above. The key
      // is fixed per refund, so a retry after a failed commit replays it instead of paying twice.
      if (payment.provider === 'stripe') {
        if (this.payments.name !== 'stripe' || payment.providerReference === null) {
          throw new Error(`Cannot refund the stripe payment of order ${order.number} through ${this.payments.name}`);
        }
        await this.payments.refund({ reference: payment.providerReference, amount, idempotencyKey: `refund-${orderId}-${refundNumber}` });
      }
      return {
        id: order.id,
        number: order.number,
        status: recorded.status,
        refundedAmount: amount,
        totalRefunded: recorded.refundedAmount,
        payment: { provider: payment.provider, status: payment.status },
      };
    });
  }
}

interface RequestedUnits {
  item: OrderItem;
  units: number;
}

function remainingUnits(ledger: OrderLedger): RequestedUnits[] {
  return ledger.items.filter((item) => item.refundedQuantity < item.quantity).map((item) => ({ item, units: item.quantity - item.refundedQuantity }));
}

function requestedUnits(ledger: OrderLedger, requested: readonly { orderItemId: string; quantity: number }[]): RequestedUnits[] {
  const units = new Map<string, RequestedUnits>();
  for (const { orderItemId, quantity } of requested) {
    const item = ledger.items.find((i) => i.id === orderItemId);
    if (!item) throw new NotFoundError(`Order line ${orderItemId}`);
    const line = units.get(orderItemId) ?? { item, units: 0 };
    line.units += quantity;
    units.set(orderItemId, line);
  }
  for (const { item, units: asked } of units.values()) {
    const left = unitsLeft(lineOf(ledger, item));
    if (asked > left) throw new ValidationError('items', `asks to refund ${asked} of ${item.productName}, but only ${left} are left to refund`);
  }
  return [...units.values()];
}

function lineOf(ledger: OrderLedger, item: OrderItem): OrderLedger['lines'][number] {
  const line = ledger.lines.find((l) => l.id === item.id);
  if (!line) throw new Error(`Order line ${item.id} is not in the ledger`);
  return line;
}
