import { CertificateKind, FOOD_PERMIT_KINDS } from './catalog.types.js';

const NEVER_EXPIRES = '9999-12-31';

/** The latest expiry among food permits (null when there is none), whatever today is. */
export function foodPermitValidUntil(certificates: readonly { kind: CertificateKind; validUntil?: string | null }[]): string | null {
  const expiries = certificates
    .filter((c) => FOOD_PERMIT_KINDS.includes(c.kind))
    .map((c) => (c.validUntil ? c.validUntil.slice(0, 10) : NEVER_EXPIRES))
    .sort();
  return expiries[expiries.length - 1] ?? null;
}

/** The most units of a product one order may take: its own limit, else the configured default. */
export function maxPerOrder(product: { maxPerOrder: number | null }, defaultLimit: number): number {
  return product.maxPerOrder ?? defaultLimit;
}
