import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Changes } from './audit-diff.js';

/** Who changed what, when. Written in the same transaction as the change it records. */
@Entity('audit_event')
@Index('audit_event_recent_idx', ['createdAt', 'id'])
@Index('audit_event_facility_idx', ['facilityId', 'createdAt'])
@Index('audit_event_kanwil_idx', ['kanwilId', 'createdAt'])
@Index('audit_event_entity_idx', ['entityType', 'entityId'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text', nullable: true })
  actorEmail!: string | null;

  /** e.g. `facility.update`, `user.create`, `auth.login`. */
  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  entityType!: string;

  @Column({ type: 'text', nullable: true })
  entityId!: string | null;

  /** The facility and Kanwil the change belongs to: what scopes who may read this event. */
  @Column({ type: 'uuid', nullable: true })
  facilityId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  kanwilId!: string | null;

  /** Only the fields that changed: `{ field: { from, to } }`. */
  @Column({ type: 'jsonb', default: {} })
  changes!: Changes;

  @Column({ type: 'text', nullable: true })
  requestId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
