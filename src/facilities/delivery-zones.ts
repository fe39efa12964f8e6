import type { ShippingRoute } from './facility.types.js';

/** Province codes a route reaches, or null for the whole country. */
export type Zone = readonly string[] | null;

/** What a facility declared, route by route; a route missing here has its default. */
export type DeclaredZones = Partial<Record<ShippingRoute, Zone>>;

/**
 * The zone a facility delivers to by a route: what it declared, else the default. Couriers reach
 * the whole country; local delivery reaches the facility's own province (a Lapas in Banjarmasin
 * does not drive fresh catfish to Papua).
 */
export function zoneOf(facility: { provinceCode: string }, declared: DeclaredZones, route: ShippingRoute): Zone {
  const own = declared[route];
  if (own !== undefined) return own;
  return route === 'COURIER' ? null : [facility.provinceCode];
}
