import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Another storefront, marketplace or ministry portal selling Etalase products through the API. */
@Entity('partner')
export class Partner {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('partner_name_uq', { unique: true })
  @Column({ type: 'text' })
  name!: string;

  /** Where Etalase writes about keys and failing webhooks. */
  @Column({ type: 'text' })
  contactEmail!: string;

  /** Requests per minute for each of its keys. */
  @Column({ type: 'integer', default: 1200 })
  rateLimitPerMinute!: number;

  /** Off: every key of the partner stops working. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
