import type { DeliveryMethod } from './order.types.js';

/** What the fee rule needs to know of a facility. Where it delivers is the catalog's sale rule (catalog/sellability.ts). */
export interface FacilityDeliverySettings {
  shippingBaseFee: number;
  shippingPerKgFee: number;
}

/** Integer rupiah: base + per started kilogram for SHIPPING; pickup is free. */
export function shippingFee(facility: FacilityDeliverySettings, method: DeliveryMethod, totalWeightGrams: number): number {
  if (method === 'PICKUP') return 0;
  return facility.shippingBaseFee + facility.shippingPerKgFee * Math.ceil(totalWeightGrams / 1000);
}
