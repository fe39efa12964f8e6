export const FACILITY_TYPES = ['LAPAS', 'RUTAN', 'LPKA', 'BAPAS'] as const;
export type FacilityType = (typeof FACILITY_TYPES)[number];

export const FACILITY_CLASSES = ['I', 'II', 'IIA', 'IIB', 'III'] as const;
export type FacilityClass = (typeof FACILITY_CLASSES)[number];

export const FACILITY_KINDS = ['UMUM', 'NARKOTIKA', 'PEREMPUAN', 'PEMUDA', 'TERBUKA', 'KHUSUS'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

export const COURIERS = ['JNE', 'JNT', 'SICEPAT', 'ANTERAJA', 'POS', 'TIKI'] as const;
export type Courier = (typeof COURIERS)[number];

/** The public shapes others may render (the showcase): types only, the views stay this feature's. */
export type { FacilityDetailView, FacilityView } from './facility.views.js';
