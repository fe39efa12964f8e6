import { ForbiddenError, NotFoundError } from '../common/errors/domain-error';
import { assertCan, assertCanAssignRole, assertInScope, can, isInScope, PERMISSIONS, Permission, scopeOf } from './access-policy';
import type { AuthUser } from './auth-user';
import { ROLES, Role } from './role';

const KALSEL = 'kanwil-kalsel';
const BALI = 'kanwil-bali';
const banjarmasin = { id: 'fac-banjarmasin', kanwilId: KALSEL };
const kotabaru = { id: 'fac-kotabaru', kanwilId: KALSEL };
const kerobokan = { id: 'fac-kerobokan', kanwilId: BALI };

function user(role: Role): AuthUser {
  return {
    id: `user-${role}`,
    email: `${role}@x.test`,
    name: role,
    role,
    kanwilId: role === 'SUPERADMIN' ? null : KALSEL,
    facilityId: role === 'FACILITY_ADMIN' ? banjarmasin.id : null,
  };
}

describe('access policy', () => {
  it('scopes each role', () => {
    expect(scopeOf(user('SUPERADMIN'))).toEqual({ kind: 'national' });
    expect(scopeOf(user('REGIONAL_ADMIN'))).toEqual({ kind: 'kanwil', kanwilId: KALSEL });
    expect(scopeOf(user('FACILITY_ADMIN'))).toEqual({ kind: 'facility', facilityId: banjarmasin.id, kanwilId: KALSEL });
  });

  it.each([
    ['SUPERADMIN', [true, true, true]],
    ['REGIONAL_ADMIN', [true, true, false]],
    ['FACILITY_ADMIN', [true, false, false]],
  ] as const)('%s sees own facility / a Kanwil peer / another Kanwil: %j', (role, expected) => {
    const u = user(role);
    expect([isInScope(u, banjarmasin), isInScope(u, kotabaru), isInScope(u, kerobokan)]).toEqual(expected);
  });

  it('reports out-of-scope and missing objects alike, as not found', () => {
    expect(() => assertInScope(user('FACILITY_ADMIN'), kotabaru, 'Facility')).toThrow(NotFoundError);
    expect(() => assertInScope(user('REGIONAL_ADMIN'), null, 'Facility')).toThrow(NotFoundError);
    expect(() => assertInScope(user('REGIONAL_ADMIN'), kotabaru, 'Facility')).not.toThrow();
  });

  it('grants every permission to the roles in the table and to no other', () => {
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
      for (const role of ROLES) {
        const allowed = (PERMISSIONS[permission] as readonly Role[]).includes(role);
        expect({ permission, role, allowed: can(user(role), permission) }).toEqual({ permission, role, allowed });
        if (!allowed) expect(() => assertCan(user(role), permission)).toThrow(ForbiddenError);
      }
    }
    expect(can(user('FACILITY_ADMIN'), 'facility.updateStatus')).toBe(false);
    expect(can(user('FACILITY_ADMIN'), 'facility.updateProfile')).toBe(true);
  });

  it('lets regional admins create facility admins only', () => {
    expect(() => assertCanAssignRole(user('REGIONAL_ADMIN'), 'FACILITY_ADMIN')).not.toThrow();
    expect(() => assertCanAssignRole(user('REGIONAL_ADMIN'), 'REGIONAL_ADMIN')).toThrow(ForbiddenError);
    expect(() => assertCanAssignRole(user('REGIONAL_ADMIN'), 'SUPERADMIN')).toThrow(ForbiddenError);
    expect(() => assertCanAssignRole(user('FACILITY_ADMIN'), 'FACILITY_ADMIN')).toThrow(ForbiddenError);
    for (const role of ROLES) expect(() => assertCanAssignRole(user('SUPERADMIN'), role)).not.toThrow();
  });
});
