import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A provider event already taken into account. The primary key is the provider's event id: the
 * second copy of an event fails to insert, so each event takes effect exactly once.
 */
@Entity('payment_event')
export class PaymentEvent {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  provider!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'uuid', nullable: true })
  orderId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt!: Date;
}
