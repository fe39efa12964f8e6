import { isPickupOnly, permitAllowsSale, SaleFacility, SaleProduct, saleRefusal, shippingRoute } from './sellability';

const DAY = '2026-11-29';
const goods: SaleProduct = { kind: 'GOODS', status: 'PUBLISHED', deleted: false, foodPermitValidUntil: null };
const food: SaleProduct = { kind: 'FOOD', status: 'PUBLISHED', deleted: false, foodPermitValidUntil: '2099-12-31' };
const service: SaleProduct = { kind: 'SERVICE', status: 'PUBLISHED', deleted: false, foodPermitValidUntil: null };
/** A Lapas in Kalimantan Selatan (63) without pickup or local delivery, no zones declared. */
const facility: SaleFacility = { active: true, pickupAvailable: false, localDelivery: false, provinceCode: '63', zones: {} };
const shipTo = (provinceCode: string | null) => ({ method: 'SHIPPING' as const, provinceCode });
const PICKUP = { method: 'PICKUP' as const };

describe('sale rule: the product', () => {
  it('sells only published, undeleted products', () => {
    expect(saleRefusal({ ...goods, status: 'DRAFT' }, facility, shipTo('63'), DAY)).toEqual({ reason: 'NOT_FOR_SALE' });
    expect(saleRefusal({ ...goods, status: 'ARCHIVED' }, facility, shipTo('63'), DAY)).toEqual({ reason: 'NOT_FOR_SALE' });
    expect(saleRefusal({ ...goods, deleted: true }, facility, shipTo('63'), DAY)).toEqual({ reason: 'NOT_FOR_SALE' });
    expect(saleRefusal(goods, facility, shipTo('63'), DAY)).toBeNull();
  });

  it('sells FOOD only while a permit is valid on the day of sale; other kinds always', () => {
    const until = (foodPermitValidUntil: string | null) => ({ kind: 'FOOD' as const, foodPermitValidUntil });
    expect(permitAllowsSale(until(DAY), DAY)).toBe(true);
    expect(permitAllowsSale(until('2026-11-28'), DAY)).toBe(false);
    expect(permitAllowsSale(until(null), DAY)).toBe(false);
    expect(permitAllowsSale({ kind: 'GOODS', foodPermitValidUntil: null }, DAY)).toBe(true);
    const local = { ...facility, pickupAvailable: true };
    expect(saleRefusal({ ...food, foodPermitValidUntil: '2026-11-28' }, local, PICKUP, DAY)).toEqual({ reason: 'FOOD_PERMIT_LAPSED' });
  });

  it('sells nothing of a facility that is not selling', () => {
    expect(saleRefusal(goods, { ...facility, active: false }, shipTo('63'), DAY)).toEqual({ reason: 'FACILITY_NOT_SELLING' });
  });
});

describe('sale rule: the delivery', () => {
  it('knows services and food are pickup-only, travelling by local delivery when shipped', () => {
    expect([isPickupOnly('GOODS'), isPickupOnly('FOOD'), isPickupOnly('SERVICE')]).toEqual([false, true, true]);
    expect([shippingRoute('GOODS'), shippingRoute('FOOD'), shippingRoute('SERVICE')]).toEqual(['COURIER', 'LOCAL_DELIVERY', 'LOCAL_DELIVERY']);
  });

  it('refuses pickup where the facility offers none', () => {
    expect(saleRefusal(goods, facility, PICKUP, DAY)).toEqual({ reason: 'PICKUP_NOT_OFFERED' });
    for (const product of [goods, food, service]) expect(saleRefusal(product, { ...facility, pickupAvailable: true }, PICKUP, DAY)).toBeNull();
  });

  it('ships goods anywhere by default, but pickup-only items only with local delivery', () => {
    expect(saleRefusal(goods, facility, shipTo('91'), DAY)).toBeNull();
    expect(saleRefusal(goods, facility, shipTo(null), DAY)).toBeNull();
    expect(saleRefusal(food, facility, shipTo('63'), DAY)).toEqual({ reason: 'PICKUP_ONLY_ITEM' });
    expect(saleRefusal(service, facility, shipTo('63'), DAY)).toEqual({ reason: 'PICKUP_ONLY_ITEM' });
  });

  it('delivers perishables and services locally only inside the local zone: by default the facility\'s own province', () => {
    const local = { ...facility, localDelivery: true };
    expect(saleRefusal(food, local, shipTo('63'), DAY)).toBeNull();
    expect(saleRefusal(service, local, shipTo('63'), DAY)).toBeNull();
    // Issue 13, bug 4: fresh catfish from Banjarmasin to Papua.
    expect(saleRefusal(food, local, shipTo('91'), DAY)).toEqual({ reason: 'OUTSIDE_DELIVERY_ZONE', route: 'LOCAL_DELIVERY', zone: ['63'] });
    expect(saleRefusal(service, local, shipTo('91'), DAY)).toEqual({ reason: 'OUTSIDE_DELIVERY_ZONE', route: 'LOCAL_DELIVERY', zone: ['63'] });
    // An address whose province we cannot name is not known to be inside.
    expect(saleRefusal(food, local, shipTo(null), DAY)).toEqual({ reason: 'OUTSIDE_DELIVERY_ZONE', route: 'LOCAL_DELIVERY', zone: ['63'] });
  });

  it('follows declared zones, route by route', () => {
    const declared = { ...facility, localDelivery: true, zones: { LOCAL_DELIVERY: ['63', '62'], COURIER: ['63', '64'] } };
    expect(saleRefusal(food, declared, shipTo('62'), DAY)).toBeNull();
    expect(saleRefusal(food, declared, shipTo('64'), DAY)).toEqual({ reason: 'OUTSIDE_DELIVERY_ZONE', route: 'LOCAL_DELIVERY', zone: ['63', '62'] });
    expect(saleRefusal(goods, declared, shipTo('64'), DAY)).toBeNull();
    expect(saleRefusal(goods, declared, shipTo('62'), DAY)).toEqual({ reason: 'OUTSIDE_DELIVERY_ZONE', route: 'COURIER', zone: ['63', '64'] });
    const everywhere = { ...declared, zones: { LOCAL_DELIVERY: null } };
    expect(saleRefusal(food, everywhere, shipTo('91'), DAY)).toBeNull();
    expect(saleRefusal(goods, everywhere, shipTo('91'), DAY)).toBeNull();
  });
});
