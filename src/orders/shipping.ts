import type { ProductKind } from '../catalog/catalog.types.js';
import type { DeliveryMethod } from './order.types.js';

/** What the fee and delivery rules need to know of a facility. */
export interface FacilityDeliverySettings {
  name: string;
  shippingBaseFee: number;
  shippingPerKgFee: number;
  pickupAvailable: boolean;
  localDelivery: boolean;
}

/** Integer rupiah: base + per started kilogram for SHIPPING; pickup is free. */
export function shippingFee(facility: FacilityDeliverySettings, method: DeliveryMethod, totalWeightGrams: number): number {
  if (method === 'PICKUP') return 0;
  return facility.shippingBaseFee + facility.shippingPerKgFee * Math.ceil(totalWeightGrams / 1000);
}

/** Services and (perishable) food are handed over, not sent by courier. */
export function isPickupOnly(kind: ProductKind): boolean {
  return kind === 'SERVICE' || kind === 'FOOD';
}

export type DeliveryRefusal = { reason: 'PICKUP_NOT_OFFERED' } | { reason: 'PICKUP_ONLY_ITEM'; productName: string };

/** Why a facility cannot deliver these items this way, or null when it can. */
export function deliveryRefusal(
  facility: FacilityDeliverySettings,
  method: DeliveryMethod,
  items: readonly { name: string; kind: ProductKind }[],
): DeliveryRefusal | null {
  if (method === 'PICKUP') return facility.pickupAvailable ? null : { reason: 'PICKUP_NOT_OFFERED' };
  if (facility.localDelivery) return null;
  const pickupOnly = items.find((item) => isPickupOnly(item.kind));
  return pickupOnly ? { reason: 'PICKUP_ONLY_ITEM', productName: pickupOnly.name } : null;
}
