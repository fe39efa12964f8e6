import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ACTOR_TYPES, ActorType } from './order.types.js';

/** The order's history: every state change of the order, one of its fulfilments or its payment, who and when. */
@Entity('order_event')
@Index('order_event_order_idx', ['orderId', 'createdAt'])
export class OrderEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  orderId!: string;

  @Column({ type: 'uuid', nullable: true })
  fulfilmentId!: string | null;

  /** Set on a change of the order's payment (its statuses are the payment's, not the order's). */
  @Column({ type: 'uuid', nullable: true })
  paymentId!: string | null;

  @Column({ type: 'text', nullable: true })
  fromStatus!: string | null;

  @Column({ type: 'text' })
  toStatus!: string;

  @Column({ type: 'enum', enum: ACTOR_TYPES, enumName: 'actor_type' })
  actorType!: ActorType;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
