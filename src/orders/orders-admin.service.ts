import { Injectable } from '@nestjs/common';
import { mapPage, Page } from '../common/pagination/cursor.js';
import { newestFirstPage } from '../common/pagination/newest-first.js';
import { DataSource, EntityManager, In } from 'typeorm';
import { isInScope, scopeOf } from '../auth/access-policy.js';
import type { AuthUser } from '../auth/auth-user.js';
import { Facility } from '../facilities/facility.entity.js';
import type { ListAdminOrdersDto } from './dto/list-admin-orders.dto.js';
import { Fulfilment } from './fulfilment.entity.js';
import { OrderAdminSummaryView, OrderAdminView, toOrderAdminSummaryView, toOrderAdminView } from './order-admin.views.js';
import { OrderEvent } from './order-event.entity.js';
import { OrderItem } from './order-item.entity.js';
import { Order } from './order.entity.js';
import type { OrderFacilityView } from './order.views.js';
import { OrderTouchSourcesRegistry } from './order-touch-sources.registry.js';
import { OrderNotFound } from './orders.errors.js';

/** The parts of one or more orders that lie in an admin's scope. */
interface ScopedParts {
  fulfilments: Fulfilment[];
  items: OrderItem[];
  facilities: Map<string, OrderFacilityView>;
  /** Order ids with at least one fulfilment outside the scope. */
  partial: Set<string>;
}

/**
 * Orders as each admin may see them: a facility admin sees the orders it ships part of, with only
 * its own fulfilments and lines; a regional admin those of its Kanwil's facilities; the national
 * admin everything.
 */
@Injectable()
export class OrdersAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly touchSources: OrderTouchSourcesRegistry,
  ) {}

  async list(user: AuthUser, query: ListAdminOrdersDto): Promise<Page<OrderAdminSummaryView>> {
    const scope = scopeOf(user);
    const qb = this.dataSource.getRepository(Order).createQueryBuilder('o');
    if (scope.kind === 'facility') {
      qb.andWhere('EXISTS (SELECT 1 FROM fulfilment sf WHERE sf.order_id = o.id AND sf.facility_id = :scopeFacilityId)', { scopeFacilityId: scope.facilityId });
    }
    if (scope.kind === 'kanwil') {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM fulfilment sf JOIN facility sfa ON sfa.id = sf.facility_id WHERE sf.order_id = o.id AND sfa.kanwil_id = :scopeKanwilId)',
        { scopeKanwilId: scope.kanwilId },
      );
    }
    if (query.facilityId) {
      // Filtering by a facility outside the scope would tell which of your orders it also ships.
      const facility = await this.dataSource.getRepository(Facility).findOneBy({ id: query.facilityId });
      if (!facility || !isInScope(user, facility)) return { data: [], nextCursor: null };
      qb.andWhere('EXISTS (SELECT 1 FROM fulfilment ff WHERE ff.order_id = o.id AND ff.facility_id = :facilityId)', { facilityId: query.facilityId });
    }
    if (query.fulfilmentStatus) {
      // Only a fulfilment the admin may see counts: another facility's parcel of the same order waiting to be packed is not theirs to pack.
      const conditions = ['wf.order_id = o.id', 'wf.status = :fulfilmentStatus::fulfilment_status'];
      if (scope.kind === 'facility') conditions.push('wf.facility_id = :scopeFacilityId');
      if (scope.kind === 'kanwil') conditions.push('wf.facility_id IN (SELECT wfa.id FROM facility wfa WHERE wfa.kanwil_id = :scopeKanwilId)');
      if (query.facilityId) conditions.push('wf.facility_id = :facilityId');
      qb.andWhere(`EXISTS (SELECT 1 FROM fulfilment wf WHERE ${conditions.join(' AND ')})`, { fulfilmentStatus: query.fulfilmentStatus });
    }
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    if (query.from) qb.andWhere('o.created_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('o.created_at < :to', { to: query.to });
    if (query.q) {
      const prefix = `${escapeLike(query.q)}%`;
      // A facility admin does not see customer emails, so it cannot search by them either.
      if (scope.kind === 'facility') qb.andWhere('o.number LIKE :numberPrefix', { numberPrefix: prefix.toUpperCase() });
      else {
        qb.andWhere('(o.number LIKE :numberPrefix OR lower(o.customer_email) LIKE :emailPrefix)', {
          numberPrefix: prefix.toUpperCase(),
          emailPrefix: prefix.toLowerCase(),
        });
      }
    }
    const page = await newestFirstPage(qb, query);
    const parts = await this.scopedParts(this.dataSource.manager, user, page.data.map((o) => o.id));
    return mapPage(page, (order) =>
      toOrderAdminSummaryView({
        order,
        items: parts.items.filter((item) => item.orderId === order.id),
        fulfilments: parts.fulfilments.filter((f) => f.orderId === order.id),
        facilities: parts.facilities,
        partial: parts.partial.has(order.id),
      }),
    );
  }

  async get(user: AuthUser, id: string): Promise<OrderAdminView> {
    const order = await this.dataSource.getRepository(Order).findOneBy({ id });
    if (!order) throw new OrderNotFound();
    return this.view(this.dataSource.manager, user, order);
  }

  /** The order as `user` may see it; OrderNotFound when none of it is in their scope. */
  async view(em: EntityManager, user: AuthUser, order: Order): Promise<OrderAdminView> {
    const parts = await this.scopedParts(em, user, [order.id]);
    if (parts.fulfilments.length === 0) throw new OrderNotFound();
    const visible = new Set(parts.fulfilments.map((f) => f.id));
    const events = await em.getRepository(OrderEvent).findBy({ orderId: order.id });
    const touchSources = await this.touchSources.sourcesOf(em, [order.lastTouchCode, order.firstTouchCode]);
    return toOrderAdminView({
      order,
      items: parts.items,
      fulfilments: parts.fulfilments,
      facilities: parts.facilities,
      partial: parts.partial.has(order.id),
      events: events.filter((e) => e.fulfilmentId === null || visible.has(e.fulfilmentId)),
      showCustomerEmail: scopeOf(user).kind !== 'facility',
      touchSources,
    });
  }

  private async scopedParts(em: EntityManager, user: AuthUser, orderIds: readonly string[]): Promise<ScopedParts> {
    if (orderIds.length === 0) return { fulfilments: [], items: [], facilities: new Map(), partial: new Set() };
    const all = await em.getRepository(Fulfilment).findBy({ orderId: In([...orderIds]) });
    const facilities = await em.getRepository(Facility).findBy({ id: In([...new Set(all.map((f) => f.facilityId))]) });
    const byId = new Map(facilities.map((f) => [f.id, f]));
    const fulfilments: Fulfilment[] = [];
    const partial = new Set<string>();
    for (const fulfilment of all) {
      const facility = byId.get(fulfilment.facilityId);
      if (facility && isInScope(user, facility)) fulfilments.push(fulfilment);
      else partial.add(fulfilment.orderId);
    }
    const visible = new Set(fulfilments.map((f) => f.id));
    const items = fulfilments.length === 0 ? [] : await em.getRepository(OrderItem).findBy({ orderId: In([...orderIds]) });
    return {
      fulfilments,
      items: items.filter((item) => visible.has(item.fulfilmentId)),
      facilities: new Map(
        facilities.filter((f) => isInScope(user, f)).map((f) => [f.id, { id: f.id, slug: f.slug, name: f.name }]),
      ),
      partial,
    };
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
