import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Something that happened, written in the same transaction as the change itself together with one
 * job per subscriber (notifications now, partner webhooks later): nothing is announced that did not
 * commit, and nothing that committed is lost. Rows stay as the event log partners can be replayed from.
 */
@Entity('outbox_event')
@Index('outbox_event_type_created_idx', ['type', 'createdAt'])
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
}
