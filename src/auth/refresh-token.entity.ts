import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { AuthSession } from './auth-session.entity.js';
import { User } from './user.entity.js';

/**
 * One refresh token. Only a hash of its secret is kept. Every rotation issues a new token in the
 * same family; presenting a rotated (used) token again revokes the whole family, since only a
 * thief would still hold it.
 */
@Entity('refresh_token')
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('refresh_token_user_idx')
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  /** The session (one sign-in) this token was rotated within. */
  @Index('refresh_token_family_idx')
  @Column({ type: 'uuid' })
  familyId!: string;

  @ManyToOne(() => AuthSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'family_id' })
  session?: Relation<AuthSession>;

  /** SHA-256 of the secret part, hex. The secret is random, so a slow hash buys nothing. */
  @Column({ type: 'text' })
  secretHash!: string;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Set when this token was exchanged for a new one. */
  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
