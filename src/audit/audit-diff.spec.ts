import { diff } from './audit-diff';

describe('audit diff', () => {
  it('lists only changed fields with before and after', () => {
    expect(diff({ name: 'A', city: 'X', couriers: ['JNE'] }, { name: 'B', city: 'X', couriers: ['JNE', 'POS'] })).toEqual({
      name: { from: 'A', to: 'B' },
      couriers: { from: ['JNE'], to: ['JNE', 'POS'] },
    });
  });

  it('records creation and deletion against null', () => {
    expect(diff(null, { name: 'A' })).toEqual({ name: { from: null, to: 'A' } });
    expect(diff({ name: 'A' }, null)).toEqual({ name: { from: 'A', to: null } });
  });

  it('never records secrets', () => {
    expect(diff({ passwordHash: 'old' }, { passwordHash: 'new', name: 'x' })).toEqual({ name: { from: null, to: 'x' } });
  });

  it('compares dates by value', () => {
    expect(diff({ at: new Date('2026-01-01T00:00:00Z') }, { at: new Date('2026-01-01T00:00:00Z') })).toEqual({});
  });
});
