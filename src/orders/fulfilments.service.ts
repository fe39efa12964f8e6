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
import { OrderEvent } from './order-event.entity.js';
import { assertFulfilmentTransition, assertOrderTransition } from './order-state.js';
import { Order } from './order.entity.js';
import type { FulfilmentStatus, OrderStatus } from './order.types.js';
import { OrdersAdminService } from './orders-admin.service.js';
import { Outbox } from '../outbox/outbox.js';

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
    private readonly outbox: Outbox,
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
      const steps = stepsTo(fulfilment.status, 'SHIPPED');
      if (!facility.couriers.includes(dto.courier)) throw new CourierNotOffered(dto.courier, facility.name, facility.couriers);

      const before = { status: fulfilment.status, courier: fulfilment.courier, trackingNumber: fulfilment.trackingNumber };
      const events = this.fulfilmentEvents(user, fulfilment, steps);
      fulfilment.status = 'SHIPPED';
      fulfilment.courier = dto.courier;
      fulfilment.trackingNumber = dto.trackingNumber;
      fulfilment.shippedAt = new Date();
      await em.getRepository(Fulfilment).save(fulfilment);
      await em.getRepository(OrderEvent).insert(events);
      await this.outbox.publish(em, {
        type: 'fulfilment.shipped',
        aggregateType: 'fulfilment',
        aggregateId: fulfilment.id,
        payload: {
          orderId: order.id,
          number: order.number,
          fulfilmentId: fulfilment.id,
          facilityId: facility.id,
          courier: dto.courier,
          trackingNumber: dto.trackingNumber,
        },
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
      const steps = stepsTo(fulfilment.status, 'DELIVERED');
      assertShippable(order);

      const before = { status: fulfilment.status, orderStatus: order.status };
      const events = this.fulfilmentEvents(user, fulfilment, steps);
      fulfilment.status = 'DELIVERED';
      fulfilment.deliveredAt = new Date();
      await em.getRepository(Fulfilment).save(fulfilment);

      // Every change to a fulfilment locks the order first, so the siblings read here are current.
      const siblings = await em.getRepository(Fulfilment).findBy({ orderId: order.id });
      const open = siblings.filter((f) => f.id !== fulfilment.id && f.status !== 'CANCELLED' && f.status !== 'DELIVERED');
      const completes = open.length === 0;
      if (completes) {
        assertOrderTransition(order.status, 'COMPLETED');
        events.push({ orderId: order.id, fulfilmentId: null, fromStatus: order.status, toStatus: 'COMPLETED', actorType: 'ADMIN', actorId: user.id, reason: null });
        order.status = 'COMPLETED';
        await em.getRepository(Order).save(order);
      }
      await em.getRepository(OrderEvent).insert(events);

      await this.outbox.publish(em, {
        type: 'fulfilment.delivered',
        aggregateType: 'fulfilment',
        aggregateId: fulfilment.id,
        payload: { orderId: order.id, number: order.number, fulfilmentId: fulfilment.id, facilityId: facility.id },
      });
      if (completes) {
        await this.outbox.publish(em, {
          type: 'order.completed',
          aggregateType: 'order',
          aggregateId: order.id,
          payload: { orderId: order.id, number: order.number },
        });
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

  private fulfilmentEvents(user: AuthUser, fulfilment: Fulfilment, steps: readonly FulfilmentStatus[]): Partial<OrderEvent>[] {
    let from = fulfilment.status;
    return steps.map((to) => {
      const event: Partial<OrderEvent> = { orderId: fulfilment.orderId, fulfilmentId: fulfilment.id, fromStatus: from, toStatus: to, actorType: 'ADMIN', actorId: user.id, reason: null };
      from = to;
      return event;
    });
  }
}

function assertShippable(order: Order): void {
  if (!SHIPPABLE_ORDER_STATUSES.includes(order.status)) throw new OrderNotPaidYet(order.number, order.status);
}

/**
 * The statuses a fulfilment passes through on its way to `target`, each checked against the
 * table. Payment normally moves fulfilments to PROCESSING; one still PENDING on a paid order
 * passes through PROCESSING, recorded as its own step.
 */
function stepsTo(from: FulfilmentStatus, target: FulfilmentStatus): FulfilmentStatus[] {
  const steps: FulfilmentStatus[] = from === 'PENDING' ? ['PROCESSING', target] : [target];
  let current = from;
  for (const step of steps) {
    assertFulfilmentTransition(current, step);
    current = step;
  }
  return steps;
}
