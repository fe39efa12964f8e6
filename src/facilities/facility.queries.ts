import { Brackets, SelectQueryBuilder } from 'typeorm';
import { decodeCursor } from '../common/pagination/cursor.js';
import { likePattern } from '../common/text/slug.js';
import type { Facility } from './facility.entity.js';
import type { FacilityType } from './facility.types.js';
import type { RegionFilter } from './regions.service.js';

export interface FacilityListFilter {
  region?: RegionFilter;
  type?: FacilityType;
  q?: string;
  active?: boolean;
  cursor?: string;
  limit: number;
}

/**
 * The facility list query, shared by the public and admin lists: filters, then keyset paging on
 * (name, id) so each page is one index range scan however deep it is.
 */
export function applyFacilityListFilter(qb: SelectQueryBuilder<Facility>, filter: FacilityListFilter): SelectQueryBuilder<Facility> {
  if (filter.active !== undefined) qb.andWhere('f.active = :active', { active: filter.active });
  if (filter.region && 'provinceCode' in filter.region) {
    qb.andWhere('f.province_code = :provinceCode', { provinceCode: filter.region.provinceCode });
  }
  if (filter.region && 'kanwilId' in filter.region) {
    qb.andWhere('f.kanwil_id = :regionKanwilId', { regionKanwilId: filter.region.kanwilId });
  }
  if (filter.type) qb.andWhere('f.type = :type', { type: filter.type });
  if (filter.q) {
    const pattern = likePattern(filter.q.trim());
    qb.andWhere(
      new Brackets((w) => {
        w.where('f.name ILIKE :pattern', { pattern })
          .orWhere('f.short_name ILIKE :pattern')
          .orWhere('f.city ILIKE :pattern');
      }),
    );
  }
  if (filter.cursor) {
    const [name, id] = decodeCursor(filter.cursor, ['string', 'uuid'] as const);
    qb.andWhere('(f.name, f.id) > (:cursorName, :cursorId)', { cursorName: name, cursorId: id });
  }
  return qb
    .leftJoinAndSelect('f.province', 'province')
    .leftJoinAndSelect('f.kanwil', 'kanwil')
    .orderBy('f.name', 'ASC')
    .addOrderBy('f.id', 'ASC')
    .limit(filter.limit + 1);
}

export function facilityCursor(facility: Facility): [string, string] {
  return [facility.name, facility.id];
}
