import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { PARTNER_SCOPES, type PartnerScope } from '../auth/partner-caller.js';
import { Partner } from './partner.entity.js';

/**
 * A partner's API key. The key itself (`etk_<prefix>_<secret>`) is shown once; only the prefix
 * (to find the row and to recognise the key in lists) and a SHA-256 of the secret are stored.
 */
@Entity('api_key')
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('api_key_partner_idx')
  @Column({ type: 'uuid' })
  partnerId!: string;

  @ManyToOne(() => Partner, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partner_id' })
  partner?: Relation<Partner>;

  @Column({ type: 'text', default: '' })
  label!: string;

  @Index('api_key_prefix_uq', { unique: true })
  @Column({ type: 'text' })
  prefix!: string;

  /** Hex SHA-256 of the secret part: the secret is 190 random bits, so a slow hash adds nothing. */
  @Column({ type: 'text' })
  secretHash!: string;

  @Column({ type: 'enum', enum: PARTNER_SCOPES, enumName: 'api_key_scope', array: true })
  scopes!: PartnerScope[];

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** The key that replaced this one in a rotation; this one then expires after the grace period. */
  @Column({ type: 'uuid', nullable: true })
  replacedById!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
