import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { Order } from './order.entity.js';

/**
 * An Idempotency-Key of one requester (24 h): the same key with the same body returns the order it
 * created, with another body it is refused. The record keeps no response and no secret: a replay
 * rebuilds the answer from the order, and the order's access token is derived again (order-token.ts).
 */
@Entity('idempotency_record')
@Index('idempotency_record_expiry_idx', ['expiresAt'])
export class IdempotencyRecord {
  /**
   * Whose key it is: `partner:<id>`, or `anon:<keyed hash of the client's network address>`, so one
   * requester's key never answers another's request.
   */
  @PrimaryColumn({ type: 'text' })
  scope!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  /** SHA-256 of the method, path and canonical body. */
  @Column({ type: 'text' })
  requestHash!: string;

  /**
   * The order the key created, set in the order's own transaction: once it is committed the key is
   * bound to it, whatever happens after (a payment provider error, a crash), and a retry resumes it.
   */
  @Column({ type: 'uuid', nullable: true })
  orderId!: string | null;

  @ManyToOne(() => Order, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order?: Relation<Order>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
