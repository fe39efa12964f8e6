import { ApiProperty } from '@nestjs/swagger';
import type { AuditEvent } from './audit-event.entity.js';
import type { Changes } from './audit-diff.js';

export class AuditEventView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorEmail!: string | null;
  @ApiProperty({ example: 'facility.update' }) action!: string;
  @ApiProperty({ example: 'facility' }) entityType!: string;
  @ApiProperty({ type: String, nullable: true }) entityId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) facilityId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) kanwilId!: string | null;
  @ApiProperty({ description: 'Changed fields: { field: { from, to } }', type: 'object', additionalProperties: true })
  changes!: Changes;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export function toAuditEventView(event: AuditEvent): AuditEventView {
  return {
    id: event.id,
    actorId: event.actorId,
    actorEmail: event.actorEmail,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    facilityId: event.facilityId,
    kanwilId: event.kanwilId,
    changes: event.changes,
    requestId: event.requestId,
    createdAt: event.createdAt.toISOString(),
  };
}
