export const ROLES = ['SUPERADMIN', 'REGIONAL_ADMIN', 'FACILITY_ADMIN'] as const;
export type Role = (typeof ROLES)[number];
