import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-in counters per account and per client IP, in Postgres so that every API process
 * sees the same counts.
 */
@Entity('login_throttle')
export class LoginThrottle {
  /** `account:<email>` or `ip:<address>`. */
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'integer' })
  failures!: number;

  @Column({ type: 'timestamptz' })
  windowStartedAt!: Date;
}
