import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { isInScope } from '../auth/access-policy.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ForbiddenError } from '../common/errors/domain-error.js';
import { Facility } from '../facilities/facility.entity.js';
import { normaliseEmail } from './client-identity.js';
import { Fulfilment } from './fulfilment.entity.js';
import { lockOrder, paymentOf } from './order-locks.js';
import { NotAManualPayment, OrderAlreadyPaid } from './order-payments.errors.js';
import { ConfirmedPaymentView } from './order-payments.views.js';
import { Order } from './order.entity.js';
import { OrderNotFound } from './orders.errors.js';
import { PaymentSuccessService } from './payment-success.service.js';

/**
 * An admin confirms that a bank transfer arrived (manual payments only). That makes a sale and
 * feeds every facility's reports, so it belongs to someone who sees the whole order (a regional
 * admin whose Kanwil holds every facility of it, or a national one: the `payment.confirm`
 * permission) and never to the buyer: an admin confirming an order placed with their own e-mail
 * would be selling to themselves. The audit log gets one row per facility the order touches.
 */
@Injectable()
export class ManualPaymentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly success: PaymentSuccessService,
    private readonly audit: AuditService,
  ) {}

  /** The role (`payment.confirm`) is checked on the route; the scope and the buyer are data, checked here. */
  confirm(user: AuthUser, orderId: string): Promise<ConfirmedPaymentView> {
    return this.dataSource.transaction(async (em) => {
      const order = await lockOrder(em, orderId);
      const fulfilments = await em.getRepository(Fulfilment).findBy({ orderId });
      const facilities = await em.getRepository(Facility).find({ where: { id: In(fulfilments.map((f) => f.facilityId)) }, order: { name: 'ASC' } });
      const outside = facilities.filter((f) => !isInScope(user, f));
      if (outside.length === facilities.length) throw new OrderNotFound();
      if (outside.length > 0) {
        throw new ForbiddenError(
          `Order ${order.number} also holds goods of ${outside.map((f) => f.name).join(', ')}, outside your scope; ` +
            'its payment is confirmed by an admin who sees the whole order (the Kanwil of every facility in it, or national)',
        );
      }
      if (normaliseEmail(order.customerEmail) === normaliseEmail(user.email)) {
        throw new ForbiddenError(`Order ${order.number} was placed with your own e-mail address; another admin must confirm its payment`);
      }
      const payment = await paymentOf(em, order);
      if (payment.provider !== 'manual') throw new NotAManualPayment(payment.provider);

      const before = { status: order.status, paymentStatus: payment.status };
      const outcome = await this.success.markPaid(orderId, { actorType: 'ADMIN', actorId: user.id }, em);
      if (outcome === 'ALREADY_PAID') throw new OrderAlreadyPaid(order.number);
      const paid = await em.getRepository(Order).findOneByOrFail({ id: orderId });
      const after = { status: paid.status, paymentStatus: 'SUCCEEDED', facilityIds: facilities.map((f) => f.id) };
      for (const facility of facilities) {
        await this.audit.record(em, user, { action: 'order.confirmPayment', entityType: 'order', entityId: orderId, facilityId: facility.id, kanwilId: facility.kanwilId, before, after });
      }
      return {
        id: paid.id,
        number: paid.number,
        status: paid.status,
        paidAt: (paid.paidAt ?? new Date()).toISOString(),
        payment: { provider: payment.provider, status: 'SUCCEEDED' },
      };
    });
  }
}
