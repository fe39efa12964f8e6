import type { Product } from './product.entity';
import { foodPermitValidUntil, maxPerOrder } from './product.rules';
import { makerCredit } from './product.views';

describe('food permits', () => {
  it('takes the latest expiry among SPP-IRT and BPOM permits, ignoring other certificates', () => {
    expect(
      foodPermitValidUntil([
        { kind: 'SPP_IRT', validUntil: '2027-01-31' },
        { kind: 'BPOM_MD', validUntil: '2028-05-01T00:00:00Z' },
        { kind: 'HALAL', validUntil: '2035-01-01' },
      ]),
    ).toBe('2028-05-01');
    expect(foodPermitValidUntil([{ kind: 'BPOM_ML', validUntil: null }])).toBe('9999-12-31');
    expect(foodPermitValidUntil([{ kind: 'HALAL', validUntil: '2030-01-01' }])).toBeNull();
    expect(foodPermitValidUntil([])).toBeNull();
  });
});

describe('maker credit', () => {
  const base = { makerGroupName: null, facility: { shortName: 'Lapas Kotabaru' } } as unknown as Product;

  it('credits the workshop by default, or the given group name', () => {
    expect(makerCredit(base)).toEqual({ type: 'GROUP', credit: 'Bengkel kerja Lapas Kotabaru' });
    expect(makerCredit({ ...base, makerGroupName: 'Kelompok Tani Harapan' })).toEqual({ type: 'GROUP', credit: 'Kelompok Tani Harapan' });
  });

  it('names an individual only under a live consent covering product credits', () => {
    const consent = { displayName: 'A.R.', withdrawnAt: null, scopes: ['PRODUCT_CREDIT'] };
    expect(makerCredit({ ...base, makerConsent: consent } as unknown as Product)).toEqual({ type: 'INDIVIDUAL', credit: 'A.R., Bengkel kerja Lapas Kotabaru' });
    const withdrawn = { ...consent, withdrawnAt: new Date() };
    expect(makerCredit({ ...base, makerConsent: withdrawn } as unknown as Product).type).toBe('GROUP');
    const storyOnly = { ...consent, scopes: ['STORY'] };
    expect(makerCredit({ ...base, makerConsent: storyOnly } as unknown as Product).type).toBe('GROUP');
  });
});

describe('per-order quantity limit', () => {
  it("is the product's own limit when it has one, else the default", () => {
    expect(maxPerOrder({ maxPerOrder: null }, 10)).toBe(10);
    expect(maxPerOrder({ maxPerOrder: 50 }, 10)).toBe(50);
    expect(maxPerOrder({ maxPerOrder: 1 }, 10)).toBe(1);
  });
});
