import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  OneToMany,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Check, ForeignKey } from 'typeorm';
import { DELIVERY_METHODS, DeliveryMethod, ORDER_STATUSES, OrderStatus } from './order.types.js';
import { Fulfilment } from './fulfilment.entity.js';
import { OrderItem } from './order-item.entity.js';

export interface DeliveryAddress {
  recipient: string;
  phone: string;
  line1: string;
  line2?: string;
  city: string;
  province: string;
  postalCode: string;
}

/** A shopper's (or a partner's customer's) order; `shop_order` because ORDER is an SQL keyword. */
@Entity('shop_order')
@Index('shop_order_expiry_idx', ['expiresAt'], { where: `"status" = 'PENDING_PAYMENT'` })
@Index('shop_order_created_idx', ['createdAt', 'id'])
@Index('shop_order_client_ip_idx', ['clientIpHash'], { where: '"client_ip_hash" IS NOT NULL' })
@Index('shop_order_customer_email_key_idx', ['customerEmailKey'], { where: '"customer_email_key" IS NOT NULL' })
@Index('shop_order_partner_unpaid_idx', ['partnerId'], { where: `"status" = 'PENDING_PAYMENT'` })
@Check('shop_order_totals_add_up', '"total" = "subtotal" + "shipping_total"')
@Check('shop_order_amounts_non_negative', '"subtotal" >= 0 AND "shipping_total" >= 0')
export class Order {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Human-readable, e.g. ETL-2026-000123. */
  @Column({ type: 'text', unique: true })
  number!: string;

  @Column({ type: 'enum', enum: ORDER_STATUSES, enumName: 'order_status', default: 'PENDING_PAYMENT' })
  status!: OrderStatus;

  @Column({ type: 'text' })
  customerName!: string;

  @Column({ type: 'text' })
  customerEmail!: string;

  @Column({ type: 'text' })
  customerPhone!: string;

  @Column({ type: 'enum', enum: DELIVERY_METHODS, enumName: 'delivery_method' })
  deliveryMethod!: DeliveryMethod;

  @Column({ type: 'jsonb', nullable: true })
  deliveryAddress!: DeliveryAddress | null;

  @Column({ type: 'text', default: '' })
  note!: string;

  /** Integer rupiah. */
  @Column({ type: 'integer' })
  subtotal!: number;

  @Column({ type: 'integer' })
  shippingTotal!: number;

  @Column({ type: 'integer' })
  total!: number;

  /** SHA-256 of the one-time token handed to the shopper; the token itself is never stored. */
  @Column({ type: 'text' })
  accessTokenHash!: string;

  /**
   * Set when a partner storefront placed the order (Partners issue). Partners are switched off,
   * never deleted, and an order is a sales record: the key restricts deletion. Named by table, not
   * class: partners sit above orders and orders never import them.
   */
  @Index('shop_order_partner_idx')
  @ForeignKey('partner', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  partnerId!: string | null;

  /**
   * Keyed hash of the anonymous shopper's network address (never the address: UU PDP), and of
   * the normalised e-mail: what the unpaid-order limits count by. Null on partner orders, and
   * cleared once the order is no longer awaiting payment.
   */
  @Column({ type: 'text', nullable: true })
  clientIpHash!: string | null;

  @Column({ type: 'text', nullable: true })
  customerEmailKey!: string | null;

  /**
   * Campaign attribution (issue 17): the share-link codes that first and last brought this
   * shopper's browser to the showcase within the attribution window, and when. First-party only:
   * read from the cart cookie at checkout; null without a touch. Codes, not keys: a deleted link
   * leaves the sales record as it was.
   */
  @Index('shop_order_first_touch_idx', { where: '"first_touch_code" IS NOT NULL' })
  @Column({ type: 'text', nullable: true })
  firstTouchCode!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  firstTouchAt!: Date | null;

  @Index('shop_order_last_touch_idx', { where: '"last_touch_code" IS NOT NULL' })
  @Column({ type: 'text', nullable: true })
  lastTouchCode!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastTouchAt!: Date | null;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  /** The Humas dashboard reads orders paid in a period. */
  @Index('shop_order_paid_idx', { where: '"paid_at" IS NOT NULL' })
  @Column({ type: 'timestamptz', nullable: true })
  paidAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  cancelReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ default: 1 })
  version!: number;

  @OneToMany(() => OrderItem, (item) => item.order)
  items?: Relation<OrderItem>[];

  @OneToMany(() => Fulfilment, (fulfilment) => fulfilment.order)
  fulfilments?: Relation<Fulfilment>[];
}
