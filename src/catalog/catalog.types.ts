import type { ProductDetailView } from './product.views.js';

/** The public shapes others may render (the showcase): types only, the views stay this feature's. */
export type { ProductDetailView, ProductView } from './product.views.js';
export type { PublicCategoryView } from './catalog.views.js';

export { PROGRAMS, type Program } from '../facilities/program.types.js';

/** What a product page says about buying it. */
export type ProductAvailability = 'IN_STOCK' | 'SOLD_OUT' | 'WITHDRAWN';

export interface ProductPage {
  availability: ProductAvailability;
  product: ProductDetailView;
}

/** A public page's slug and last change, for the sitemap. */
export interface SitemapEntry {
  slug: string;
  updatedAt: string;
}

export const PRODUCT_KINDS = ['GOODS', 'FOOD', 'SERVICE'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const PRODUCT_STATUSES = ['DRAFT', 'PUBLISHED', 'ARCHIVED'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** Permits and certificates a product can carry (DOMAIN.md). */
export const CERTIFICATE_KINDS = ['SPP_IRT', 'BPOM_MD', 'BPOM_ML', 'HALAL', 'SNI', 'OTHER'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

/** The kinds that count as a food permit: FOOD cannot be sold without one that is valid. */
export const FOOD_PERMIT_KINDS: readonly CertificateKind[] = ['SPP_IRT', 'BPOM_MD', 'BPOM_ML'];

export const CONSENT_NAME_KINDS = ['INITIALS', 'PSEUDONYM'] as const;
export type ConsentNameKind = (typeof CONSENT_NAME_KINDS)[number];

export const CONSENT_SCOPES = ['PRODUCT_CREDIT', 'STORY'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

/**
 * Why stock moved (Vendure's stock movement types, for one stock figure): RESERVE takes units for
 * an unpaid order, RELEASE gives them back (cancel, expiry), COMMIT counts reserved units as sold,
 * RETURN puts refunded units back on the shelf, ADJUST is an admin's count, harvest or correction.
 */
export const STOCK_MOVEMENT_REASONS = ['RESERVE', 'RELEASE', 'COMMIT', 'RETURN', 'ADJUST'] as const;
export type StockMovementReason = (typeof STOCK_MOVEMENT_REASONS)[number];
