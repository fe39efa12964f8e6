import type { SelectQueryBuilder } from 'typeorm';
import { scopeOf } from '../../auth/access-policy.js';
import type { AuthUser } from '../../auth/auth-user.js';
import type { Campaign } from './campaign.entity.js';
import type { CampaignScope } from './campaign.types.js';

/** Whose campaign a new one is: the creator's facility, Kanwil, or the nation (SUPERADMIN). */
export interface CampaignOwner {
  scope: CampaignScope;
  facilityId: string | null;
  kanwilId: string | null;
}

export function ownerFor(user: AuthUser): CampaignOwner {
  const scope = scopeOf(user);
  switch (scope.kind) {
    case 'facility':
      return { scope: 'FACILITY', facilityId: scope.facilityId, kanwilId: scope.kanwilId };
    case 'kanwil':
      return { scope: 'KANWIL', facilityId: null, kanwilId: scope.kanwilId };
    case 'national':
      return { scope: 'NATION', facilityId: null, kanwilId: null };
  }
}

/**
 * The campaigns an admin reads and writes: a facility admin its facility's, a regional admin
 * those of its Kanwil and of the Kanwil's facilities, national staff all of them.
 */
export function whereCampaignInScope(qb: SelectQueryBuilder<Campaign>, user: AuthUser): SelectQueryBuilder<Campaign> {
  const scope = scopeOf(user);
  if (scope.kind === 'facility') qb.andWhere(`${qb.alias}.facility_id = :scopeFacilityId`, { scopeFacilityId: scope.facilityId });
  if (scope.kind === 'kanwil') qb.andWhere(`${qb.alias}.kanwil_id = :scopeKanwilId`, { scopeKanwilId: scope.kanwilId });
  return qb;
}

/**
 * What a campaign may feature or link to: products, stories and facilities of its own facility,
 * of its Kanwil's facilities, or of the nation. Returns the ids of `ids` that qualify.
 * $1 ids, $2 the campaign's facility (or null), $3 its Kanwil (or null).
 */
export const OWNED_IN_SCOPE_SQL = {
  PRODUCT: `SELECT p.id FROM product p JOIN facility f ON f.id = p.facility_id
             WHERE p.id = ANY($1::uuid[]) AND p.deleted_at IS NULL
               AND ($2::uuid IS NULL OR f.id = $2) AND ($3::uuid IS NULL OR f.kanwil_id = $3)`,
  STORY: `SELECT s.id FROM story s JOIN facility f ON f.id = s.facility_id
           WHERE s.id = ANY($1::uuid[])
             AND ($2::uuid IS NULL OR f.id = $2) AND ($3::uuid IS NULL OR f.kanwil_id = $3)`,
  FACILITY: `SELECT f.id FROM facility f
              WHERE f.id = ANY($1::uuid[])
                AND ($2::uuid IS NULL OR f.id = $2) AND ($3::uuid IS NULL OR f.kanwil_id = $3)`,
} as const;
