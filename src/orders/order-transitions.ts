import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Outbox } from '../outbox/outbox.js';
import { groupBy, TransitionActor, writeHistory } from './order-history.js';
import { Announcement, assertTransition, ConcurrentTransition, ORDER_ANNOUNCES, ORDER_TRANSITIONS } from './order-state.js';
import type { OrderAction, OrderStatus } from './order.types.js';

/** An order as a transition needs it; an Order entity passed in is updated in place. */
export interface OrderRef {
  id: string;
  status: OrderStatus;
}

/** The order as the transition wrote it. */
export interface TransitionedOrder {
  id: string;
  number: string;
  status: OrderStatus;
  customerName: string;
  customerEmail: string;
  subtotal: number;
  shippingTotal: number;
  total: number;
  paidAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  version: number;
  updatedAt: Date;
}

export type OrderChange<A extends OrderAction> = { actor: TransitionActor; reason?: string | null } & Announcement<typeof ORDER_ANNOUNCES, A, TransitionedOrder>;

interface OrderRow {
  id: string;
  number: string;
  status: OrderStatus;
  customer_name: string;
  customer_email: string;
  subtotal: number;
  shipping_total: number;
  total: number;
  paid_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  version: number;
  updated_at: Date;
}

/** Columns an action sets besides the status; `param` adds a query parameter and returns its placeholder. */
const COLUMNS: Record<OrderAction, (change: { reason?: string | null }, param: (value: unknown) => string) => string[]> = {
  pay: () => ['paid_at = now()'],
  // Reinstated by a late payment: it is paid now and no longer cancelled.
  revive: () => ['paid_at = now()', 'cancelled_at = NULL', 'cancel_reason = NULL'],
  cancel: (change, param) => ['cancelled_at = now()', `cancel_reason = ${param(change.reason ?? null)}`],
  complete: () => [],
  refund_part: () => [],
  refund_full: () => [],
};

/**
 * The one writer of `shop_order.status`. Checks ORDER_TRANSITIONS for each order, writes the new
 * status with a conditional UPDATE (WHERE status = the status read: a concurrent change is caught,
 * not overwritten), one history row per order and the event the action announces, all in the
 * caller's transaction. Set-based: expiry cancels hundreds of orders in one call.
 */
@Injectable()
export class OrderTransitions {
  constructor(private readonly outbox: Outbox) {}

  async apply<A extends OrderAction>(em: EntityManager, orders: readonly OrderRef[], action: A, change: OrderChange<A>): Promise<TransitionedOrder[]> {
    const written: TransitionedOrder[] = [];
    for (const [from, group] of groupBy(orders, (order) => order.status)) {
      const to = assertTransition(ORDER_TRANSITIONS, 'An order', from, action);
      const params: unknown[] = [group.map((order) => order.id), to, from];
      const param = (value: unknown): string => `$${params.push(value)}`;
      const columns = ['status = $2::order_status', ...COLUMNS[action](change, param), 'updated_at = now()', 'version = version + 1'];
      const [rows] = await em.query<[OrderRow[], number]>(
        `UPDATE shop_order SET ${columns.join(', ')}
          WHERE id = ANY($1::uuid[]) AND status = $3::order_status
          RETURNING id, number, status, customer_name, customer_email, subtotal, shipping_total, total, paid_at, cancelled_at, cancel_reason, version, updated_at`,
        params,
      );
      if (rows.length !== group.length) throw new ConcurrentTransition(group.length === 1 ? 'The order' : 'One of the orders');
      const byId = new Map(rows.map((row) => [row.id, toTransitioned(row)]));
      for (const order of group) {
        const row = byId.get(order.id);
        if (row) Object.assign(order, { status: row.status, paidAt: row.paidAt, cancelledAt: row.cancelledAt, cancelReason: row.cancelReason, version: row.version, updatedAt: row.updatedAt });
      }
      await writeHistory(em, rows.map((row) => ({ orderId: row.id, from, to })), change.actor, change.reason ?? null);
      written.push(...byId.values());
    }
    for (const order of written) {
      const payload = change.announce?.(order);
      if (payload) await this.outbox.publish(em, { type: ORDER_ANNOUNCES[action], aggregateType: 'order', aggregateId: order.id, payload });
    }
    return written;
  }
}

function toTransitioned(row: OrderRow): TransitionedOrder {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    customerName: row.customer_name,
    customerEmail: row.customer_email,
    subtotal: row.subtotal,
    shippingTotal: row.shipping_total,
    total: row.total,
    paidAt: row.paid_at,
    cancelledAt: row.cancelled_at,
    cancelReason: row.cancel_reason,
    version: row.version,
    updatedAt: row.updated_at,
  };
}
