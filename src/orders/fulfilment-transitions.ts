import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Courier } from '../facilities/facility.types.js';
import { Outbox } from '../outbox/outbox.js';
import { groupBy, TransitionActor, writeHistory } from './order-history.js';
import { Announcement, assertTransition, ConcurrentTransition, FULFILMENT_ANNOUNCES, FULFILMENT_TRANSITIONS } from './order-state.js';
import type { FulfilmentAction, FulfilmentStatus } from './order.types.js';

/** A fulfilment as a transition needs it; a Fulfilment entity passed in is updated in place. */
export interface FulfilmentRef {
  id: string;
  orderId: string;
  status: FulfilmentStatus;
}

export interface TransitionedFulfilment {
  id: string;
  orderId: string;
  facilityId: string;
  status: FulfilmentStatus;
  courier: Courier | null;
  trackingNumber: string | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  updatedAt: Date;
}

export interface Shipment {
  courier: Courier;
  trackingNumber: string;
}

export type FulfilmentChange<A extends FulfilmentAction> = {
  actor: TransitionActor;
  reason?: string | null;
  /** What `ship` records with the status. */
  shipment?: Shipment;
} & Announcement<typeof FULFILMENT_ANNOUNCES, A, TransitionedFulfilment>;

interface FulfilmentRow {
  id: string;
  order_id: string;
  facility_id: string;
  status: FulfilmentStatus;
  courier: Courier | null;
  tracking_number: string | null;
  shipped_at: Date | null;
  delivered_at: Date | null;
  updated_at: Date;
}

const COLUMNS: Record<FulfilmentAction, (change: { shipment?: Shipment }, param: (value: unknown) => string) => string[]> = {
  start: () => [],
  ship: (change, param) => {
    if (!change.shipment) throw new Error('Shipping a fulfilment needs its courier and tracking number');
    return [`courier = ${param(change.shipment.courier)}::courier`, `tracking_number = ${param(change.shipment.trackingNumber)}`, 'shipped_at = now()'];
  },
  deliver: () => ['delivered_at = now()'],
  cancel: () => [],
  revive: () => [],
};

/**
 * The one writer of `fulfilment.status`: checks FULFILMENT_TRANSITIONS, writes conditionally (WHERE
 * status = the status read), records one history row per fulfilment and announces what the action
 * announces, in the caller's transaction. The caller holds the order's row lock.
 */
@Injectable()
export class FulfilmentTransitions {
  constructor(private readonly outbox: Outbox) {}

  async apply<A extends FulfilmentAction>(
    em: EntityManager,
    fulfilments: readonly FulfilmentRef[],
    action: A,
    change: FulfilmentChange<A>,
  ): Promise<TransitionedFulfilment[]> {
    const written: TransitionedFulfilment[] = [];
    for (const [from, group] of groupBy(fulfilments, (fulfilment) => fulfilment.status)) {
      const to = assertTransition(FULFILMENT_TRANSITIONS, 'A fulfilment', from, action);
      const params: unknown[] = [group.map((fulfilment) => fulfilment.id), to, from];
      const param = (value: unknown): string => `$${params.push(value)}`;
      const columns = ['status = $2::fulfilment_status', ...COLUMNS[action](change, param), 'updated_at = now()'];
      const [rows] = await em.query<[FulfilmentRow[], number]>(
        `UPDATE fulfilment SET ${columns.join(', ')}
          WHERE id = ANY($1::uuid[]) AND status = $3::fulfilment_status
          RETURNING id, order_id, facility_id, status, courier, tracking_number, shipped_at, delivered_at, updated_at`,
        params,
      );
      if (rows.length !== group.length) throw new ConcurrentTransition(group.length === 1 ? 'The fulfilment' : 'One of the fulfilments');
      const byId = new Map(rows.map((row) => [row.id, toTransitioned(row)]));
      for (const fulfilment of group) {
        const row = byId.get(fulfilment.id);
        if (row) {
          Object.assign(fulfilment, {
            status: row.status,
            courier: row.courier,
            trackingNumber: row.trackingNumber,
            shippedAt: row.shippedAt,
            deliveredAt: row.deliveredAt,
            updatedAt: row.updatedAt,
          });
        }
      }
      await writeHistory(em, rows.map((row) => ({ orderId: row.order_id, fulfilmentId: row.id, from, to })), change.actor, change.reason ?? null);
      written.push(...byId.values());
    }
    const type = FULFILMENT_ANNOUNCES[action];
    for (const fulfilment of written) {
      const payload = change.announce?.(fulfilment);
      if (type !== null && payload) await this.outbox.publish(em, { type, aggregateType: 'fulfilment', aggregateId: fulfilment.id, payload });
    }
    return written;
  }
}

function toTransitioned(row: FulfilmentRow): TransitionedFulfilment {
  return {
    id: row.id,
    orderId: row.order_id,
    facilityId: row.facility_id,
    status: row.status,
    courier: row.courier,
    trackingNumber: row.tracking_number,
    shippedAt: row.shipped_at,
    deliveredAt: row.delivered_at,
    updatedAt: row.updated_at,
  };
}
