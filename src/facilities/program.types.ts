/**
 * The coaching programmes a facility runs (DOMAIN.md "Programmes"). Defined here, below catalog and
 * stories, because facilities show them too (story cards); catalog re-exports them for products.
 */
export const PROGRAMS = ['UMKM', 'KETAHANAN_PANGAN', 'PEMBINAAN_KEMANDIRIAN', 'SAE', 'GRIYA_ABHIPRAYA'] as const;
export type Program = (typeof PROGRAMS)[number];
