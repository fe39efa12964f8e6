import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { scopeOf } from '../auth/access-policy.js';
import type { AuthUser } from '../auth/auth-user.js';

/**
 * Narrows a query over rows that belong to a facility (`column` holds the facility id) to the
 * admin's scope: one facility, the facilities of a Kanwil, or everything.
 */
export function whereFacilityInScope<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, user: AuthUser, column: string): SelectQueryBuilder<T> {
  const scope = scopeOf(user);
  if (scope.kind === 'facility') qb.andWhere(`${column} = :scopeFacilityId`, { scopeFacilityId: scope.facilityId });
  if (scope.kind === 'kanwil') {
    qb.andWhere(`${column} IN (SELECT sf.id FROM facility sf WHERE sf.kanwil_id = :scopeKanwilId)`, { scopeKanwilId: scope.kanwilId });
  }
  return qb;
}
