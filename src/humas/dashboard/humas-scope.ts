import type { DataSource } from 'typeorm';
import { assertInScope, isKanwilInScope, scopeOf } from '../../auth/access-policy.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { NotFoundError, ValidationError } from '../../common/errors/domain-error.js';
import { Facility } from '../../facilities/facility.entity.js';
import { Kanwil } from '../../facilities/kanwil.entity.js';
import type { VisitScopeFilter } from '../visits/visit.queries.js';

export type NamedScope = VisitScopeFilter & { name: string };

export const NATION_NAME = 'Nasional';

/**
 * The scope asked for (a facility or a Kanwil), if the reader may see it (outside it: 404, as
 * everywhere), else the reader's own: a facility admin's facility, a regional admin's Kanwil, the
 * nation for national staff.
 */
export async function resolveHumasScope(dataSource: DataSource, user: AuthUser, query: { facilityId?: string; kanwilId?: string }): Promise<NamedScope> {
  if (query.facilityId && query.kanwilId) throw new ValidationError('facilityId', 'and kanwilId cannot be combined');
  const own = scopeOf(user);
  const facilityId = query.facilityId ?? (query.kanwilId ? undefined : own.kind === 'facility' ? own.facilityId : undefined);
  if (facilityId) {
    const facility = await dataSource.getRepository(Facility).findOneBy({ id: facilityId });
    assertInScope(user, facility, 'Facility');
    return { kind: 'facility', id: facility.id, name: facility.name };
  }
  const kanwilId = query.kanwilId ?? (own.kind === 'kanwil' ? own.kanwilId : undefined);
  if (kanwilId) return { kind: 'kanwil', id: kanwilId, name: await kanwilName(dataSource, user, kanwilId) };
  return { kind: 'nation', name: NATION_NAME };
}

/** The Kanwil's name, if the reader may see the whole Kanwil (national staff or its own regional admin). */
export async function kanwilName(dataSource: DataSource, user: AuthUser, kanwilId: string): Promise<string> {
  const kanwil = await dataSource.getRepository(Kanwil).findOneBy({ id: kanwilId });
  if (!kanwil || !isKanwilInScope(user, kanwil.id)) throw new NotFoundError('Kanwil');
  return kanwil.name;
}
