import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { runSqlIn } from '../database/sql-query.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import type { SetDeliveryZoneDto } from './dto/set-delivery-zone.dto.js';
import { FacilitiesService } from './facilities.service.js';
import { DeliveryZone } from './delivery-zone.entity.js';
import { DeclaredZones, zoneOf } from './delivery-zones.js';
import { UnknownProvinces } from './facility.errors.js';
import { SHIPPING_ROUTES, ShippingRoute } from './facility.types.js';
import { DeliveryZoneView } from './facility.views.js';


export interface ProvinceRef {
  code: string;
  name: string;
}

/** Words an address may put before the province's name. */
const PROVINCE_PREFIX = /^(provinsi|prov\.?)\s+/i;

/**
 * Where each facility delivers, by shipping route (courier, local delivery). Reads take the
 * caller's EntityManager: checkout reads on its transaction's connection, never the pool's.
 */
@Injectable()
export class DeliveryZonesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly facilities: FacilitiesService,
    private readonly audit: AuditService,
  ) {}

  /** What each facility declared (facilities without a declaration are missing). */
  async declared(em: EntityManager, facilityIds: readonly string[]): Promise<Map<string, DeclaredZones>> {
    const zones = new Map<string, DeclaredZones>();
    if (facilityIds.length === 0) return zones;
    const rows = await runSqlIn<{ facility_id: string; route: ShippingRoute; province_codes: string[] | null }>(em, {
      text: 'SELECT facility_id, route, province_codes FROM facility_delivery_zone WHERE facility_id = ANY($1::uuid[])',
      values: [[...facilityIds]],
    });
    for (const row of rows) zones.set(row.facility_id, { ...zones.get(row.facility_id), [row.route]: row.province_codes });
    return zones;
  }

  /**
   * The province an address names, by name ("Kalimantan Selatan", any case, "Provinsi ..."
   * allowed), ISO code (`ID-KS`) or Kemendagri code (`63`); null when it names none.
   */
  async province(em: EntityManager, text: string): Promise<ProvinceRef | null> {
    const value = text.trim().replace(PROVINCE_PREFIX, '').replace(/\s+/g, ' ');
    const [row] = await runSqlIn<ProvinceRef>(em, { text: 'SELECT code, name FROM province WHERE lower(name) = lower($1) OR iso = upper($1) OR code = $1 LIMIT 1', values: [value] });
    return row ?? null;
  }

  async list(user: AuthUser, facilityId: string): Promise<DeliveryZoneView[]> {
    const facility = await this.facilities.findInScope(this.dataSource.manager, user, facilityId);
    const declared = (await this.declared(this.dataSource.manager, [facility.id])).get(facility.id) ?? {};
    const names = await this.provinceNames(this.dataSource.manager);
    return SHIPPING_ROUTES.map((route) => toZoneView(route, declared[route] !== undefined, zoneOf(facility, declared, route), names));
  }

  /** Replaces the zone of one route; within the admin's scope (other facilities: 404). */
  async set(user: AuthUser, facilityId: string, route: ShippingRoute, dto: SetDeliveryZoneDto): Promise<DeliveryZoneView> {
    return this.dataSource.transaction(async (em) => {
      const facility = await this.facilities.findInScope(em, user, facilityId, true);
      const names = await this.provinceNames(em);
      const codes = dto.wholeCountry ? null : [...new Set(dto.provinces ?? [])].sort();
      const unknown = (codes ?? []).filter((code) => !names.has(code));
      if (unknown.length > 0) throw new UnknownProvinces(unknown);
      const before = (await this.declared(em, [facility.id])).get(facility.id)?.[route];
      await em.upsert(DeliveryZone, { facilityId: facility.id, route, provinceCodes: codes }, ['facilityId', 'route']);
      await this.audit.record(em, user, {
        action: 'facility.deliveryZone.set',
        entityType: 'facility',
        entityId: facility.id,
        facilityId: facility.id,
        kanwilId: facility.kanwilId,
        before: { [`deliveryZone.${route}`]: zoneWords(before) },
        after: { [`deliveryZone.${route}`]: zoneWords(codes) },
      });
      return toZoneView(route, true, codes, names);
    });
  }

  private async provinceNames(em: EntityManager): Promise<Map<string, string>> {
    const rows = await em.query<ProvinceRef[]>('SELECT code, name FROM province ORDER BY code');
    return new Map(rows.map((row) => [row.code, row.name]));
  }
}

function toZoneView(route: ShippingRoute, declared: boolean, codes: readonly string[] | null, names: Map<string, string>): DeliveryZoneView {
  return {
    route,
    declared,
    wholeCountry: codes === null,
    provinces: (codes ?? []).map((code) => ({ code, name: names.get(code) ?? code })),
  };
}

/** A zone as the audit log shows it: the provinces, or what stands for them. */
function zoneWords(codes: readonly string[] | null | undefined): readonly string[] | string {
  if (codes === undefined) return 'default';
  return codes ?? 'whole country';
}
