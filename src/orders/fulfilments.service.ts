import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { isInScope } from '../auth/access-policy.js';
import type { AuthUser } from '../auth/auth-user.js';
import { Facility } from '../facilities/facility.entity.js';
import type { ShipFulfilmentDto } from './dto/ship-fulfilment.dto.js';
import { CourierNotOffered, FulfilmentNotFound, NotShippedYet, OrderNotPaidYet, PickupNotShipped } from './fulfilment.errors.js';
import { Fulfilment } from './fulfilment.entity.js';
import type { OrderAdminView } from './order-admin.views.js';
import { FulfilmentTransitions } from './fulfilment-transitions.js';
import { eventBase, fulfilmentFacts } from './order-event-payloads.js';
import type { TransitionActor } from './order-history.js';
import { assertTransition, FULFILMENT_TRANSITIONS } from './order-state.js';
import { OrderTransitions } from './order-transitions.js';
import { Order } from './order.entity.js';
import type { FulfilmentAction, FulfilmentStatus, OrderStatus } from './order.types.js';
import { OrdersAdminService } from './orders-admin.service.js';

/** Orders whose goods may leave the facility: paid, and not (wholly) refunded. */
const SHIPPABLE_ORDER_STATUSES: readonly OrderStatus[] = ['PAID', 'PARTIALLY_REFUNDED'];

interface Locked {
  order: Order;
  fulfilment: Fulfilment;
  facility: Facility;
}

/** What a facility does with its part of a paid order: ship it, then record its delivery. */
@Injectable()
export class FulfilmentsService {
  constructor(
    private readonly fulfilments: FulfilmentTransitions,
    private readonly orderTransitions: OrderTransitions,
    private readonly dataSource: DataSource,
    private readonly orders: OrdersAdminService,
    private readonly audit: AuditService,
  ) {}

  /** PROCESSING -> SHIPPED (a PENDING fulfilment of a paid order passes through PROCESSING). */
  async ship(user: AuthUser, id: string, dto: ShipFulfilmentDto): Promise<OrderAdminView> {
    return this.dataSource.transaction(async (em) => {
      const { order, fulfilment, facility } = await this.lockInScope(em, user, id);
      if (fulfilment.deliveryMethod === 'PICKUP') throw new PickupNotShipped();
      assertShippable(order);
      const needsStart = checkSteps(fulfilment.status, 'ship');
      if (!facility.couriers.includes(dto.courier)) throw new CourierNotOffered(dto.courier, facility.name, facility.couriers);

      const before = { status: fulfilment.status, courier: fulfilment.courier, trackingNumber: fulfilment.trackingNumber };
      const actor = adminActor(user);
      if (needsStart) await this.fulfilments.apply(em, [fulfilment], 'start', { actor });
      await this.fulfilments.apply(em, [fulfilment], 'ship', {
        actor,
        shipment: { courier: dto.courier, trackingNumber: dto.trackingNumber },
        announce: (row) => ({ ...fulfilmentFacts(order, row, facility), courier: dto.courier, trackingNumber: dto.trackingNumber }),
      });
      await this.audit.record(em, user, {
        action: 'fulfilment.ship',
        entityType: 'fulfilment',
        entityId: fulfilment.id,
        facilityId: facility.id,
        kanwilId: facility.kanwilId,
        before,
        after: { status: fulfilment.status, courier: fulfilment.courier, trackingNumber: fulfilment.trackingNumber },
      });
      return this.orders.view(em, user, order);
    });
  }

  /**
   * SHIPPED -> DELIVERED, or the handover of a pickup (PROCESSING -> DELIVERED). When every
   * fulfilment that was not cancelled is delivered, the order is COMPLETED.
   */
  async deliver(user: AuthUser, id: string): Promise<OrderAdminView> {
    return this.dataSource.transaction(async (em) => {
      const { order, fulfilment, facility } = await this.lockInScope(em, user, id);
      if (fulfilment.deliveryMethod === 'SHIPPING' && (fulfilment.status === 'PENDING' || fulfilment.status === 'PROCESSING')) throw new NotShippedYet();
      const needsStart = checkSteps(fulfilment.status, 'deliver');
      assertShippable(order);

      const before = { status: fulfilment.status, orderStatus: order.status };
      const actor = adminActor(user);
      if (needsStart) await this.fulfilments.apply(em, [fulfilment], 'start', { actor });
      await this.fulfilments.apply(em, [fulfilment], 'deliver', { actor, announce: (row) => fulfilmentFacts(order, row, facility) });

      // Every change to a fulfilment locks the order first, so the siblings read here are current.
      const siblings = await em.getRepository(Fulfilment).findBy({ orderId: order.id });
      if (siblings.every((f) => f.status === 'CANCELLED' || f.status === 'DELIVERED')) {
        await this.orderTransitions.apply(em, [order], 'complete', { actor, announce: (row) => eventBase(row) });
      }
      await this.audit.record(em, user, {
        action: 'fulfilment.deliver',
        entityType: 'fulfilment',
        entityId: fulfilment.id,
        facilityId: facility.id,
        kanwilId: facility.kanwilId,
        before,
        after: { status: fulfilment.status, orderStatus: order.status },
      });
      return this.orders.view(em, user, order);
    });
  }

  /**
   * Locks the order row, then the fulfilment (the order every writer of an order uses), after
   * checking the fulfilment's facility is in scope: out of scope is reported as missing.
   */
  private async lockInScope(em: EntityManager, user: AuthUser, id: string): Promise<Locked> {
    // A fulfilment never moves to another order or facility, so reading these unlocked is safe.
    const found = await em.getRepository(Fulfilment).findOneBy({ id });
    if (!found) throw new FulfilmentNotFound();
    const facility = await em.getRepository(Facility).findOneBy({ id: found.facilityId });
    if (!facility || !isInScope(user, facility)) throw new FulfilmentNotFound();
    const order = await em.getRepository(Order).findOne({ where: { id: found.orderId }, lock: { mode: 'pessimistic_write' } });
    const fulfilment = await em.getRepository(Fulfilment).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!order || !fulfilment) throw new FulfilmentNotFound();
    return { order, fulfilment, facility };
  }
}

function assertShippable(order: Order): void {
  if (!SHIPPABLE_ORDER_STATUSES.includes(order.status)) throw new OrderNotPaidYet(order.number, order.status);
}

/**
 * Checks the table for the way to `action` and says whether the fulfilment must `start` first:
 * payment normally moves fulfilments to PROCESSING; one still PENDING on a paid order passes
 * through PROCESSING, recorded as its own step.
 */
function checkSteps(from: FulfilmentStatus, action: FulfilmentAction): boolean {
  const needsStart = from === 'PENDING';
  const at = needsStart ? assertTransition(FULFILMENT_TRANSITIONS, 'A fulfilment', from, 'start') : from;
  assertTransition(FULFILMENT_TRANSITIONS, 'A fulfilment', at, action);
  return needsStart;
}

function adminActor(user: AuthUser): TransitionActor {
  return { type: 'ADMIN', id: user.id };
}
