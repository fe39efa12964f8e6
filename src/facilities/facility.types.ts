export const FACILITY_TYPES = ['LAPAS', 'RUTAN', 'LPKA', 'BAPAS'] as const;
export type FacilityType = (typeof FACILITY_TYPES)[number];

export const FACILITY_CLASSES = ['I', 'II', 'IIA', 'IIB', 'III'] as const;
export type FacilityClass = (typeof FACILITY_CLASSES)[number];

export const FACILITY_KINDS = ['UMUM', 'NARKOTIKA', 'PEREMPUAN', 'PEMUDA', 'TERBUKA', 'KHUSUS'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

export const COURIERS = ['JNE', 'JNT', 'SICEPAT', 'ANTERAJA', 'POS', 'TIKI'] as const;
export type Courier = (typeof COURIERS)[number];

/**
 * How a facility gets a shipped order to the buyer: goods go by COURIER; perishables and
 * services by the facility's own LOCAL_DELIVERY (where it has one). Each has its delivery zone.
 */
export const SHIPPING_ROUTES = ['COURIER', 'LOCAL_DELIVERY'] as const;
export type ShippingRoute = (typeof SHIPPING_ROUTES)[number];

/** The public shapes others may render (the showcase): types only, the views stay this feature's. */
export type { FacilityDetailView, FacilityView } from './facility.views.js';
