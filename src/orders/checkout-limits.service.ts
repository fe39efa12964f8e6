import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PartnerCaller } from '../auth/partner-caller.js';
import { AppConfig } from '../config/app-config.js';
import { RATE_LIMIT_STORE, type RateLimitStore } from '../rate-limit/rate-limit-store.js';
import { CheckoutHolder, ClientHasher } from './client-identity.js';
import { PAYMENT_SETUP_GRACE_SECONDS, SWEEP_INTERVAL_SECONDS } from './order-expiry.service.js';
import { HolderColumn, lockHolders, openHolds } from './order-holds.queries.js';
import { TooManyCheckoutAttempts, TooManyUnpaidOrders, UnpaidOrderHolder } from './orders.errors.js';
import type { OrderAttribution } from './order-attribution.types.js';

/** Who is asking for the order, as the controller sees the request. */
export interface CheckoutClient {
  /** The client address (Express `req.ip`: the socket, or the X-Forwarded-For client with TRUST_PROXY). */
  ip: string | undefined;
  partner?: PartnerCaller;
  /** The showcase's campaign touches (its cart cookie); partners and the API carry none. */
  attribution?: OrderAttribution;
}

interface HoldLimit {
  column: HolderColumn;
  value: string;
  limit: number;
  holder: UnpaidOrderHolder;
}

/** pg-boss polls the expiry queue every 2 s: a retry this much after the deadline finds the slot free. */
const EXPIRY_MARGIN_SECONDS = 5;

/**
 * How much one client may hold and try at checkout (issue 12): so many checkout attempts per
 * window, so many unpaid orders at once (by address and by e-mail for anonymous shoppers, by
 * partner for partners), and shorter holds for anonymous orders. Partners place orders for many
 * customers from one server, so they are counted as the partner, with limits of their own.
 */
@Injectable()
export class CheckoutLimitsService {
  private readonly logger = new Logger('CheckoutLimits');
  private readonly hasher: ClientHasher;

  constructor(
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    private readonly config: AppConfig,
  ) {
    this.hasher = new ClientHasher(config.jwtSecret);
  }

  holderOf(client: CheckoutClient, customerEmail: string): CheckoutHolder {
    if (client.partner) return { kind: 'partner', partnerId: client.partner.partnerId };
    return { kind: 'anonymous', ipHash: this.hasher.ipHash(client.ip), emailKey: this.hasher.emailKey(customerEmail) };
  }

  /**
   * Counts this attempt against the holder's window; past the limit, RATE_LIMITED with
   * Retry-After. If the counter store fails the attempt goes through (logged), as with the request
   * limiter: the unpaid-order limit below still holds, since it is counted in the database.
   */
  async countAttempt(holder: CheckoutHolder): Promise<void> {
    const limits = this.config.checkout;
    const [key, limit] =
      holder.kind === 'partner' ? [`checkout:partner:${holder.partnerId}`, limits.maxAttemptsPerPartner] : [`checkout:ip:${holder.ipHash}`, limits.maxAttemptsPerIp];
    let counted;
    try {
      counted = await this.store.hit(key, limits.attemptsWindowSeconds);
    } catch (error) {
      this.logger.error({ err: error }, 'Rate limit store failed; letting the checkout attempt through');
      return;
    }
    if (counted.count > limit) throw new TooManyCheckoutAttempts(counted.resetSeconds, holder.kind === 'partner' ? 'partner' : 'address');
  }

  /**
   * Inside the checkout transaction, before any stock is taken: refuses at once when one of the
   * holder's identities already has its limit of unpaid orders. A cheap early answer only; two
   * parallel checkouts can both pass it, which `confirmHold` settles.
   */
  async refuseWhenFull(em: EntityManager, holder: CheckoutHolder): Promise<void> {
    await this.refuseAbove(em, this.holdLimits(holder), (limit) => limit - 1);
  }

  /**
   * Last step of the checkout transaction, with the new order written: takes the holder's
   * advisory locks and counts again, the new order included. A parallel checkout of the same
   * holder waits here until this one commits (the locks go with the commit, after its order is
   * visible), so it counts this order too: the limit is exact, and checkouts of one holder are
   * serialised only for this count and the commit, not for the whole checkout.
   */
  async confirmHold(em: EntityManager, holder: CheckoutHolder): Promise<void> {
    const limits = this.holdLimits(holder);
    await lockHolders(em, limits);
    await this.refuseAbove(em, limits, (limit) => limit);
  }

  /** Anonymous orders hold stock for less time than partner orders (whose customers pay through the partner). */
  holdMinutes(holder: CheckoutHolder): number {
    return holder.kind === 'partner' ? this.config.orderTtlMinutes : this.config.checkout.anonymousTtlMinutes;
  }

  private async refuseAbove(em: EntityManager, limits: readonly HoldLimit[], allowed: (limit: number) => number): Promise<void> {
    const holds = await openHolds(em, limits, PAYMENT_SETUP_GRACE_SECONDS + SWEEP_INTERVAL_SECONDS);
    limits.forEach(({ limit, holder }, i) => {
      const held = holds[i];
      if (held.count > allowed(limit)) throw new TooManyUnpaidOrders(holder, limit, Math.max(0, held.firstEndSeconds ?? 0) + EXPIRY_MARGIN_SECONDS);
    });
  }

  private holdLimits(holder: CheckoutHolder): HoldLimit[] {
    const limits = this.config.checkout;
    if (holder.kind === 'partner') return [{ column: 'partner_id', value: holder.partnerId, limit: limits.maxUnpaidPerPartner, holder: 'partner' }];
    return [
      { column: 'client_ip_hash', value: holder.ipHash, limit: limits.maxUnpaidPerIp, holder: 'address' },
      { column: 'customer_email_key', value: holder.emailKey, limit: limits.maxUnpaidPerEmail, holder: 'email' },
    ];
  }
}
