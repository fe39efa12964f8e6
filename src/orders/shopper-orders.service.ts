import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { assertScope, type PartnerCaller } from '../auth/partner-caller.js';
import { OrderCancellationService } from './order-cancellation.service.js';
import { loadOrderParts } from './order-parts.queries.js';
import { orderTokenMatches } from './order-token.js';
import { Order } from './order.entity.js';
import { OrderView, toOrderView } from './order.views.js';
import { OrderNotFound } from './orders.errors.js';

const DEFAULT_CANCEL_REASON = 'Cancelled by the shopper';
const PARTNER_CANCEL_REASON = 'Cancelled by the partner storefront';

/** Who asks about an order: its token (shoppers) or the partner behind the API key. */
export interface OrderHolder {
  token?: string;
  partner?: PartnerCaller;
}

/** A partner holds only the orders it placed; a shopper, the order whose token they have. */
function holds(holder: OrderHolder, order: Order): boolean {
  if (holder.partner) return order.partnerId === holder.partner.partnerId;
  return orderTokenMatches(holder.token, order.accessTokenHash);
}

/**
 * What the holder of an order may do: read it, and cancel it while unpaid. The holder is the
 * shopper with the order's token, or the partner (X-Api-Key) that placed it; anyone else gets 404.
 */
@Injectable()
export class ShopperOrdersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cancellation: OrderCancellationService,
  ) {}

  async get(number: string, holder: OrderHolder): Promise<OrderView> {
    if (holder.partner) assertScope(holder.partner, 'orders:read');
    const order = await this.dataSource.getRepository(Order).findOneBy({ number });
    if (!order || !holds(holder, order)) throw new OrderNotFound();
    return this.load(this.dataSource.manager, order);
  }

  /** PENDING_PAYMENT -> CANCELLED by the token holder; the provider's payment is cancelled after the commit. */
  async cancel(number: string, holder: OrderHolder, reason: string | undefined): Promise<OrderView> {
    if (holder.partner) assertScope(holder.partner, 'orders:write');
    const { view, payment } = await this.dataSource.transaction(async (em) => {
      const order = await em.getRepository(Order).findOne({ where: { number }, lock: { mode: 'pessimistic_write' } });
      if (!order || !holds(holder, order)) throw new OrderNotFound();
      const byPartner = holder.partner !== undefined;
      const paymentRow = await this.cancellation.cancelUnpaid(em, order, byPartner ? 'PARTNER' : 'SHOPPER', reason ?? (byPartner ? PARTNER_CANCEL_REASON : DEFAULT_CANCEL_REASON));
      return { view: await this.load(em, order), payment: paymentRow };
    });
    await this.cancellation.cancelAtProvider(view.id, payment);
    return view;
  }

  private async load(em: EntityManager, order: Order): Promise<OrderView> {
    const { payment, ...parts } = await loadOrderParts(em, order);
    return toOrderView({ ...parts, payment: payment ? { provider: payment.provider, status: payment.status } : null });
  }
}
