import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ROLES, Role } from './role.js';

/** An admin account. Shoppers don't have accounts: they hold an order token instead. */
@Entity('app_user')
@Index('app_user_email_uq', ['email'], { unique: true })
@Check(
  'app_user_scope_matches_role',
  `("role" = 'SUPERADMIN' AND "kanwil_id" IS NULL AND "facility_id" IS NULL)
    OR ("role" = 'REGIONAL_ADMIN' AND "kanwil_id" IS NOT NULL AND "facility_id" IS NULL)
    OR ("role" = 'FACILITY_ADMIN' AND "facility_id" IS NOT NULL AND "kanwil_id" IS NOT NULL)`,
)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored trimmed and lower-cased, so uniqueness is case-insensitive. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'enum', enum: ROLES, enumName: 'user_role' })
  role!: Role;

  /** The Kanwil a regional admin serves, or the Kanwil of a facility admin's facility. */
  @Index('app_user_kanwil_idx')
  @Column({ type: 'uuid', nullable: true })
  kanwilId!: string | null;

  // Named by string: auth sits below facilities and must not import its entities.
  @ManyToOne('Kanwil', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'kanwil_id' })
  kanwil?: { id: string };

  @Index('app_user_facility_idx')
  @Column({ type: 'uuid', nullable: true })
  facilityId!: string | null;

  @ManyToOne('Facility', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'facility_id' })
  facility?: { id: string };

  @Column({ type: 'text' })
  passwordHash!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  /**
   * When every session was last ended at once (password change, deactivation). The sessions are
   * revoked themselves; this also refuses any access token issued before it, whatever its session.
   */
  @Column({ type: 'timestamptz', nullable: true })
  sessionsRevokedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
