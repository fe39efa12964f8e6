import { DeclaredZones, zoneOf } from '../facilities/delivery-zones.js';
import type { ShippingRoute } from '../facilities/facility.types.js';
import type { ProductKind, ProductStatus } from './catalog.types.js';

/**
 * Whether a product can be sold, in one place (DOMAIN.md): published and not deleted, a FOOD
 * permit valid on the day of sale, a facility that is selling, and a delivery the facility
 * offers to where the buyer is. Checkout, late payments, the public catalog and the admin's
 * publish check all ask here; `SELLABLE_PRODUCT_SQL` is the product part of the same rule for
 * statements (the catalog's lists, checkout's conditional UPDATE), kept beside it so the two
 * change together.
 */

/** The UTC calendar day, as permits expire (SQL: `SALE_DAY_SQL`). */
export function saleDay(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export const SALE_DAY_SQL = `(now() AT TIME ZONE 'UTC')::date`;

/** `permitAllowsSale` in SQL, with `p` the product row. */
export const PERMIT_ALLOWS_SALE_SQL = `(p.kind <> 'FOOD' OR p.food_permit_valid_until >= ${SALE_DAY_SQL})`;

/** The product part of the rule, with `p` the product row. */
export const SELLABLE_PRODUCT_SQL = `p.status = 'PUBLISHED' AND p.deleted_at IS NULL AND ${PERMIT_ALLOWS_SALE_SQL}`;

/** FOOD may be sold (or published) only while one of its permits is valid on `day`; other kinds always. */
export function permitAllowsSale(product: { kind: ProductKind; foodPermitValidUntil: string | null }, day: string = saleDay()): boolean {
  return product.kind !== 'FOOD' || (product.foodPermitValidUntil !== null && product.foodPermitValidUntil >= day);
}

/** Perishables and services are handed over or delivered by the facility itself, never sent by courier. */
export function isPickupOnly(kind: ProductKind): boolean {
  return kind === 'SERVICE' || kind === 'FOOD';
}

/** How a shipped product travels: goods by courier; perishables and services by local delivery. */
export function shippingRoute(kind: ProductKind): ShippingRoute {
  return isPickupOnly(kind) ? 'LOCAL_DELIVERY' : 'COURIER';
}

export interface SaleProduct {
  kind: ProductKind;
  status: ProductStatus;
  deleted: boolean;
  foodPermitValidUntil: string | null;
}

export interface SaleFacility {
  active: boolean;
  pickupAvailable: boolean;
  localDelivery: boolean;
  provinceCode: string;
  /** Declared zones by route; a route missing here has its default (`zoneOf`). */
  zones: DeclaredZones;
}

/** Where the buyer wants it: picked up, or shipped to a province (code null: not one we know). */
export type SaleDelivery = { method: 'PICKUP' } | { method: 'SHIPPING'; provinceCode: string | null };

export type SaleRefusal =
  | { reason: 'NOT_FOR_SALE' }
  | { reason: 'FOOD_PERMIT_LAPSED' }
  | { reason: 'FACILITY_NOT_SELLING' }
  | { reason: 'PICKUP_NOT_OFFERED' }
  | { reason: 'PICKUP_ONLY_ITEM' }
  | { reason: 'OUTSIDE_DELIVERY_ZONE'; route: ShippingRoute; zone: readonly string[] };

/** Why this product cannot be sold this way today, or null when it can. */
export function saleRefusal(product: SaleProduct, facility: SaleFacility, delivery: SaleDelivery, day: string = saleDay()): SaleRefusal | null {
  if (product.status !== 'PUBLISHED' || product.deleted) return { reason: 'NOT_FOR_SALE' };
  if (!permitAllowsSale(product, day)) return { reason: 'FOOD_PERMIT_LAPSED' };
  if (!facility.active) return { reason: 'FACILITY_NOT_SELLING' };
  if (delivery.method === 'PICKUP') return facility.pickupAvailable ? null : { reason: 'PICKUP_NOT_OFFERED' };
  const route = shippingRoute(product.kind);
  if (route === 'LOCAL_DELIVERY' && !facility.localDelivery) return { reason: 'PICKUP_ONLY_ITEM' };
  const zone = zoneOf(facility, facility.zones, route);
  if (zone === null || (delivery.provinceCode !== null && zone.includes(delivery.provinceCode))) return null;
  return { reason: 'OUTSIDE_DELIVERY_ZONE', route, zone };
}
