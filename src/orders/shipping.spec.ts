import { deliveryRefusal, FacilityDeliverySettings, isPickupOnly, shippingFee } from './shipping';

const facility: FacilityDeliverySettings = { name: 'Lapas Uji', shippingBaseFee: 10_000, shippingPerKgFee: 5_000, pickupAvailable: false, localDelivery: false };

describe('shippingFee', () => {
  it('charges the base fee plus every started kilogram', () => {
    expect(shippingFee(facility, 'SHIPPING', 0)).toBe(10_000);
    expect(shippingFee(facility, 'SHIPPING', 1)).toBe(15_000);
    expect(shippingFee(facility, 'SHIPPING', 1000)).toBe(15_000);
    expect(shippingFee(facility, 'SHIPPING', 1001)).toBe(20_000);
    expect(shippingFee(facility, 'SHIPPING', 2500)).toBe(25_000);
  });

  it('is free for pickup', () => {
    expect(shippingFee(facility, 'PICKUP', 2500)).toBe(0);
  });
});

describe('delivery rules', () => {
  const goods = { name: 'Tas', kind: 'GOODS' as const };
  const food = { name: 'Roti', kind: 'FOOD' as const };
  const service = { name: 'Cuci motor', kind: 'SERVICE' as const };

  it('knows services and food are pickup-only', () => {
    expect([isPickupOnly('GOODS'), isPickupOnly('FOOD'), isPickupOnly('SERVICE')]).toEqual([false, true, true]);
  });

  it('refuses pickup where the facility offers none', () => {
    expect(deliveryRefusal(facility, 'PICKUP', [goods])).toEqual({ reason: 'PICKUP_NOT_OFFERED' });
    expect(deliveryRefusal({ ...facility, pickupAvailable: true }, 'PICKUP', [goods, food, service])).toBeNull();
  });

  it('ships goods anywhere but pickup-only items only with local delivery', () => {
    expect(deliveryRefusal(facility, 'SHIPPING', [goods])).toBeNull();
    expect(deliveryRefusal(facility, 'SHIPPING', [goods, food])).toEqual({ reason: 'PICKUP_ONLY_ITEM', productName: 'Roti' });
    expect(deliveryRefusal(facility, 'SHIPPING', [service])).toEqual({ reason: 'PICKUP_ONLY_ITEM', productName: 'Cuci motor' });
    expect(deliveryRefusal({ ...facility, localDelivery: true }, 'SHIPPING', [food, service])).toBeNull();
  });
});
