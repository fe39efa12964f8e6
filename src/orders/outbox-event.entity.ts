import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Something that happened, written in the same transaction as the change itself, for jobs to
 * deliver afterwards (notifications now, partner webhooks later): nothing is announced that did
 * not commit, and nothing that committed is lost.
 */
@Entity('outbox_event')
@Index('outbox_event_pending_idx', ['createdAt'], { where: '"published_at" IS NULL' })
export class OutboxEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** e.g. `order.paid`, `order.cancelled`, `fulfilment.shipped`. */
  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text' })
  aggregateType!: string;

  @Column({ type: 'uuid' })
  aggregateId!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
