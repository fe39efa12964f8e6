import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, UpdateDateColumn } from 'typeorm';
import { Partner } from '../partners/partner.entity.js';
import { WEBHOOK_EVENTS, type WebhookEvent } from './webhook.types.js';

/** Where a partner wants events POSTed, which ones, and the secret they are signed with. */
@Entity('webhook_endpoint')
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('webhook_endpoint_partner_idx')
  @Column({ type: 'uuid' })
  partnerId!: string;

  @ManyToOne(() => Partner, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partner_id' })
  partner?: Relation<Partner>;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'enum', enum: WEBHOOK_EVENTS, enumName: 'webhook_event', array: true })
  events!: WebhookEvent[];

  /**
   * HMAC key for Etalase-Signature. Kept readable (signing needs it), like any webhook provider
   * does; shown to the partner once, at creation.
   */
  @Column({ type: 'text' })
  secret!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Why it was switched off (by an admin, or after a delivery gave up). */
  @Column({ type: 'text', nullable: true })
  disabledReason!: string | null;

  /** Failed attempts since the last success, across deliveries. */
  @Column({ type: 'integer', default: 0 })
  consecutiveFailures!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
