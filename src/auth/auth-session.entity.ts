import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { User } from './user.entity.js';

/**
 * One sign-in: the family of refresh tokens rotated from it (their `familyId`) and every access
 * token issued with them (their `sid` claim). Revoking the session ends all of them at once.
 */
@Entity('auth_session')
export class AuthSession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('auth_session_user_idx')
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  /** Set at logout, refresh-token reuse, password change or deactivation. */
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
