import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { Order } from './order.entity.js';

/**
 * An Idempotency-Key of one requester (24 h): the same key with the same body returns the order it
 * created, with another body it is refused. The record keeps the first successful answer sealed
 * (answer-sealer.ts) and without the order's access token, which is derived again (order-token.ts):
 * no secret in plaintext.
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

  /**
   * The first 201 answer, as JSON with `accessToken` blanked, sealed with AES-256-GCM (it holds the
   * customer's details and the payment's client secret). Null until the order's payment was set up
   * and answered: a retry before then resumes the order and keeps that answer.
   */
  @Column({ type: 'text', nullable: true })
  responseSealed!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
