import { Column, CreateDateColumn, Entity, Index, JoinColumn, OneToOne, PrimaryGeneratedColumn, Relation, UpdateDateColumn } from 'typeorm';
import { PAYMENT_PROVIDERS, PAYMENT_STATUSES, PaymentProviderName, PaymentStatus } from '../payments/payment.types.js';
import { Order } from './order.entity.js';

/** How an order is being paid: the provider, its reference (a PaymentIntent id) and the outcome. */
@Entity('payment')
@Index('payment_provider_reference_uq', ['provider', 'providerReference'], { unique: true, where: '"provider_reference" IS NOT NULL' })
export class Payment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', unique: true })
  orderId!: string;

  @OneToOne(() => Order, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order?: Relation<Order>;

  @Column({ type: 'enum', enum: PAYMENT_PROVIDERS, enumName: 'payment_provider' })
  provider!: PaymentProviderName;

  @Column({ type: 'text', nullable: true })
  providerReference!: string | null;

  @Column({ type: 'enum', enum: PAYMENT_STATUSES, enumName: 'payment_status', default: 'PENDING' })
  status!: PaymentStatus;

  /** Integer rupiah. */
  @Column({ type: 'integer' })
  amount!: number;

  @Column({ type: 'integer', default: 0 })
  refundedAmount!: number;

  /** The latest Stripe Checkout Session opened for this order on the website (card payment), if any. */
  @Column({ type: 'text', nullable: true })
  checkoutSessionId!: string | null;

  /** Why the last attempt failed, as the provider put it. */
  @Column({ type: 'text', nullable: true })
  failureReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
