import { Injectable } from '@nestjs/common';
import { mapPage, Page } from '../common/pagination/cursor.js';
import { newestFirstPage } from '../common/pagination/newest-first.js';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { scopeOf } from '../auth/access-policy.js';
import { currentRequestId } from '../common/http/request-context.js';
import { AuditEvent } from './audit-event.entity.js';
import { diff } from './audit-diff.js';
import type { ListAuditEventsDto } from './dto/list-audit-events.dto.js';
import { AuditEventView, toAuditEventView } from './audit-event.view.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  facilityId?: string | null;
  kanwilId?: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /** Records a change inside the caller's transaction, so the log and the change commit together. */
  async record(em: EntityManager, actor: AuthUser | null, entry: AuditEntry): Promise<void> {
    await em.query(
      `INSERT INTO audit_event (actor_id, actor_email, action, entity_type, entity_id, facility_id, kanwil_id, changes, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)`,
      [
        actor?.id ?? null,
        actor?.email ?? null,
        entry.action,
        entry.entityType,
        entry.entityId,
        entry.facilityId ?? null,
        entry.kanwilId ?? null,
        JSON.stringify(diff(entry.before, entry.after)),
        currentRequestId(),
      ],
    );
  }

  async list(user: AuthUser, query: ListAuditEventsDto): Promise<Page<AuditEventView>> {
    const qb = this.events.createQueryBuilder('e');
    const scope = scopeOf(user);
    if (scope.kind === 'kanwil') qb.andWhere('e.kanwil_id = :kanwilId', { kanwilId: scope.kanwilId });
    if (scope.kind === 'facility') qb.andWhere('e.facility_id = :facilityId', { facilityId: scope.facilityId });
    if (query.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: query.entityId });
    if (query.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.actorEmail) qb.andWhere('lower(e.actor_email) = lower(:actorEmail)', { actorEmail: query.actorEmail.trim() });
    if (query.facilityId) qb.andWhere('e.facility_id = :filterFacilityId', { filterFacilityId: query.facilityId });
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.from) qb.andWhere('e.created_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.created_at < :to', { to: query.to });
    return mapPage(await newestFirstPage(qb, query), toAuditEventView);
  }
}
