import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A remembered response to a request sent with `Idempotency-Key` (24 h). The same key with the
 * same body replays the response; with another body it is refused.
 */
@Entity('idempotency_record')
@Index('idempotency_record_expiry_idx', ['expiresAt'])
export class IdempotencyRecord {
  /** Who may reuse the key: `anon`, or `partner:<id>` once partners exist. */
  @PrimaryColumn({ type: 'text' })
  scope!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  /** SHA-256 of the method, path and canonical body. */
  @Column({ type: 'text' })
  requestHash!: string;

  @Column({ type: 'integer', nullable: true })
  responseStatus!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  responseBody!: Record<string, unknown> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
