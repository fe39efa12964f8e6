import { FacilityDeliverySettings, shippingFee } from './shipping';

const facility: FacilityDeliverySettings = { shippingBaseFee: 10_000, shippingPerKgFee: 5_000 };

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
