import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DeliveryZonesService, ProvinceRef } from '../facilities/delivery-zones.service.js';
import { DeclaredZones, zoneOf } from '../facilities/delivery-zones.js';
import type { Facility } from '../facilities/facility.entity.js';
import { saleDay, SaleFacility, SaleProduct, SaleRefusal, saleRefusal, shippingRoute } from './sellability.js';

/** One line of a sale: its place in the request and the product's state. */
export interface SaleLine extends SaleProduct {
  index: number;
  productId: string;
  facilityId: string;
}

export interface RefusedLine {
  index: number;
  productId: string;
  facilityId: string;
  refusal: SaleRefusal;
}

export interface SaleCheck {
  /** Lines that cannot be sold this way, in request order. */
  refused: RefusedLine[];
  /** The destination province, when the address named one and a zone needed it. */
  province: ProvinceRef | null;
}

/** How the buyer wants the goods: picked up, or shipped to an address's province (free text). */
export type SaleDeliveryRequest = { method: 'PICKUP' } | { method: 'SHIPPING'; province: string };

/**
 * Applies the sale rule (sellability.ts) to the lines of an order, with what it needs from the
 * database (the facilities' declared zones, the address's province) read on the caller's
 * transaction. Reads only what the lines need: nothing for pickup, no province when every zone
 * involved is the whole country.
 */
@Injectable()
export class SellabilityService {
  constructor(private readonly zones: DeliveryZonesService) {}

  async check(em: EntityManager, lines: readonly SaleLine[], facilities: readonly Facility[], delivery: SaleDeliveryRequest): Promise<SaleCheck> {
    const byId = new Map(facilities.map((facility) => [facility.id, facility]));
    const declared = delivery.method === 'SHIPPING' ? await this.zones.declared(em, [...byId.keys()]) : new Map<string, DeclaredZones>();
    const saleFacility = (id: string): SaleFacility => {
      const facility = byId.get(id);
      if (!facility) throw new Error(`Facility ${id} of a sale line was not loaded`);
      return { ...facility, zones: declared.get(id) ?? {} };
    };
    const limitedZone = (line: SaleLine): boolean => {
      const facility = saleFacility(line.facilityId);
      return zoneOf(facility, facility.zones, shippingRoute(line.kind)) !== null;
    };
    const needsProvince = delivery.method === 'SHIPPING' && lines.some(limitedZone);
    const province = delivery.method === 'SHIPPING' && needsProvince ? await this.zones.province(em, delivery.province) : null;
    const day = saleDay();
    const refused: RefusedLine[] = [];
    for (const line of [...lines].sort((a, b) => a.index - b.index)) {
      const refusal = saleRefusal(line, saleFacility(line.facilityId), delivery.method === 'SHIPPING' ? { method: 'SHIPPING', provinceCode: province?.code ?? null } : delivery, day);
      if (refusal) refused.push({ index: line.index, productId: line.productId, facilityId: line.facilityId, refusal });
    }
    return { refused, province };
  }
}
