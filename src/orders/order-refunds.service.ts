import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { isInScope } from '../auth/access-policy.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../common/errors/domain-error.js';
import { Facility } from '../facilities/facility.entity.js';
import { PAYMENT_PROVIDER, PaymentProvider } from '../payments/payment-provider.js';
import type { RefundOrderDto } from './dto/refund-order.dto.js';
import { LedgerEntry } from './ledger-entry.entity.js';
import { OrderEvent } from './order-event.entity.js';
import { OrderItem } from './order-item.entity.js';
import { OrderHasNoPayment, OrderNotRefundable } from './order-payments.errors.js';
import { RefundedOrderView } from './order-payments.views.js';
import { assertOrderTransition } from './order-state.js';
import { inLockOrder, releaseStock } from './order-stock.queries.js';
import { Order } from './order.entity.js';
import type { OrderStatus } from './order.types.js';
import { OrderNotFound } from './orders.errors.js';
import { Outbox } from '../outbox/outbox.js';
import { Payment } from './payment.entity.js';
import { LineSplit, reverse, splitLine, SplitShares } from './revenue-split.math.js';

const REFUNDABLE: readonly OrderStatus[] = ['PAID', 'COMPLETED', 'PARTIALLY_REFUNDED'];
const REFUND_STATUSES: readonly OrderStatus[] = ['PARTIALLY_REFUNDED', 'REFUNDED'];

interface RefundLine {
  item: OrderItem;
  quantity: number;
}

/**
 * Admin refunds: the whole order (what is left of it, shipping included) or some units of some
 * lines. One transaction that locks the order, asks the provider for the money back before
 * committing (a provider error rolls everything back) and records payment, ledger, stock and
 * status together, so the provider's later `charge.refunded` finds its amount already recorded.
 */
@Injectable()
export class OrderRefundsService {
  constructor(
    private readonly outbox: Outbox,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(PAYMENT_PROVIDER) private readonly payments: PaymentProvider,
  ) {}

  refund(user: AuthUser, orderId: string, dto: RefundOrderDto): Promise<RefundedOrderView> {
    return this.dataSource.transaction(async (em) => {
      const order = await em.getRepository(Order).findOne({ where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
      if (!order) throw new OrderNotFound();
      const items = await em.getRepository(OrderItem).find({ where: { orderId }, order: { id: 'ASC' } });
      const facilities = await em.getRepository(Facility).findBy({ id: In([...new Set(items.map((i) => i.facilityId))]) });
      const inScope = new Set(facilities.filter((f) => isInScope(user, f)).map((f) => f.id));
      if (inScope.size === 0) throw new OrderNotFound();
      if (!REFUNDABLE.includes(order.status)) throw new OrderNotRefundable(order.number, order.status);
      const payment = await em.getRepository(Payment).findOneBy({ orderId });
      if (!payment) throw new OrderHasNoPayment(order.number);

      const full = dto.items === undefined;
      const lines = full ? remainingLines(items) : requestedLines(items, dto.items ?? []);
      for (const line of lines) {
        if (!inScope.has(line.item.facilityId)) {
          throw new ForbiddenError(`Order line ${line.item.productName} belongs to another facility's fulfilment; only its own facility or a regional admin can refund it`);
        }
      }
      // A full refund gives back shipping too, which no single facility owns.
      if (full && inScope.size < new Set(items.map((i) => i.facilityId)).size) {
        throw new ForbiddenError('This order has lines from other facilities; refund your own lines with `items`, or ask a regional admin for a full refund');
      }
      const amount = full ? payment.amount - payment.refundedAmount : lines.reduce((total, l) => total + l.item.unitPrice * l.quantity, 0);
      if (amount <= 0) throw new ValidationError('items', 'must refund at least one unit');
      if (payment.refundedAmount + amount > payment.amount) throw new ValidationError('items', 'would refund more than was paid');

      const totalRefunded = payment.refundedAmount + amount;
      const to: OrderStatus = totalRefunded >= payment.amount ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
      assertOrderTransition(order.status, to);
      const before = { status: order.status, paymentStatus: payment.status, refundedAmount: payment.refundedAmount };

      await em.getRepository(LedgerEntry).insert(await this.reversals(em, lines));
      for (const line of lines) {
        await em.getRepository(OrderItem).increment({ id: line.item.id }, 'refundedQuantity', line.quantity);
      }
      if (dto.restock) {
        for (const line of inLockOrder(lines.map((l) => ({ productId: l.item.productId, quantity: l.quantity })))) await releaseStock(em, line);
      }

      // Every refund so far (admin or provider-reported) left one such event; this one is the next.
      const refundNumber = (await em.getRepository(OrderEvent).countBy({ orderId, toStatus: In([...REFUND_STATUSES]) })) + 1;
      const from = order.status;
      order.status = to;
      await em.getRepository(Order).save(order);
      payment.refundedAmount = totalRefunded;
      payment.status = to;
      await em.getRepository(Payment).save(payment);
      await em.getRepository(OrderEvent).insert({
        orderId,
        fulfilmentId: null,
        fromStatus: from,
        toStatus: to,
        actorType: 'ADMIN',
        actorId: user.id,
        reason: `Refunded Rp${amount} (Rp${totalRefunded} of Rp${payment.amount} so far): ${dto.reason}`,
      });
      await this.outbox.publish(em, {
        type: to === 'REFUNDED' ? 'order.refunded' : 'order.partially_refunded',
        aggregateType: 'order',
        aggregateId: orderId,
        payload: { orderId, number: order.number, refundedAmount: totalRefunded, amount: payment.amount },
      });
      const facility = facilities.find((f) => inScope.has(f.id) && lines.some((l) => l.item.facilityId === f.id)) ?? facilities.find((f) => inScope.has(f.id));
      await this.audit.record(em, user, {
        action: 'order.refund',
        entityType: 'order',
        entityId: orderId,
        facilityId: facility?.id ?? null,
        kanwilId: facility?.kanwilId ?? null,
        before,
        after: { status: to, paymentStatus: to, refundedAmount: totalRefunded },
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
        status: to,
        refundedAmount: amount,
        totalRefunded,
        payment: { provider: payment.provider, status: payment.status },
      };
    });
  }

  /**
   * Per line, the REFUND entry: the refunded units split under the SALE's own rule and negated;
   * the last units of a line take exactly what is left, so every line ends at zero.
   */
  private async reversals(em: EntityManager, lines: readonly RefundLine[]): Promise<Partial<LedgerEntry>[]> {
    const entries = await em.getRepository(LedgerEntry).findBy({ orderItemId: In(lines.map((l) => l.item.id)) });
    const rules = new Map<string, SplitShares>();
    const result: Partial<LedgerEntry>[] = [];
    for (const { item, quantity } of lines) {
      const sale = entries.find((e) => e.kind === 'SALE' && e.orderItemId === item.id);
      if (!sale) throw new Error(`Order line ${item.id} has no SALE ledger entry`);
      let split: LineSplit;
      if (item.refundedQuantity + quantity >= item.quantity) {
        const refunds = entries.filter((e) => e.kind === 'REFUND' && e.orderItemId === item.id);
        split = reverse({
          gross: sale.gross + sum(refunds, 'gross'),
          cost: sale.cost + sum(refunds, 'cost'),
          profit: sale.profit + sum(refunds, 'profit'),
          premi: sale.premi + sum(refunds, 'premi'),
          pnbp: sale.pnbp + sum(refunds, 'pnbp'),
          capital: sale.capital + sum(refunds, 'capital'),
        });
      } else {
        const rule = rules.get(sale.splitRuleId) ?? (await splitRule(em, sale.splitRuleId));
        rules.set(sale.splitRuleId, rule);
        split = reverse(splitLine(item.unitPrice * quantity, (item.unitCost ?? 0) * quantity, rule));
      }
      result.push({ kind: 'REFUND', orderId: item.orderId, orderItemId: item.id, facilityId: item.facilityId, productId: item.productId, quantity: -quantity, ...split, splitRuleId: sale.splitRuleId });
    }
    return result;
  }
}

function remainingLines(items: readonly OrderItem[]): RefundLine[] {
  return items.filter((item) => item.refundedQuantity < item.quantity).map((item) => ({ item, quantity: item.quantity - item.refundedQuantity }));
}

function requestedLines(items: readonly OrderItem[], requested: readonly { orderItemId: string; quantity: number }[]): RefundLine[] {
  const lines = new Map<string, RefundLine>();
  for (const { orderItemId, quantity } of requested) {
    const item = items.find((i) => i.id === orderItemId);
    if (!item) throw new NotFoundError(`Order line ${orderItemId}`);
    const line = lines.get(orderItemId) ?? { item, quantity: 0 };
    line.quantity += quantity;
    lines.set(orderItemId, line);
  }
  for (const { item, quantity } of lines.values()) {
    const left = item.quantity - item.refundedQuantity;
    if (quantity > left) throw new ValidationError('items', `asks to refund ${quantity} of ${item.productName}, but only ${left} are left to refund`);
  }
  return [...lines.values()];
}

async function splitRule(em: EntityManager, id: string): Promise<SplitShares> {
  const [row] = await em.query<{ premi_percent: number; pnbp_percent: number; capital_percent: number }[]>(
    'SELECT premi_percent, pnbp_percent, capital_percent FROM revenue_split_rule WHERE id = $1',
    [id],
  );
  if (!row) throw new Error(`Revenue split rule ${id} not found`);
  return { premiPercent: Number(row.premi_percent), pnbpPercent: Number(row.pnbp_percent), capitalPercent: Number(row.capital_percent) };
}

function sum(entries: readonly LedgerEntry[], field: keyof LineSplit): number {
  return entries.reduce((total, entry) => total + entry[field], 0);
}
