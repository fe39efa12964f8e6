import { ForbiddenError, NotFoundError, ValidationError } from '../common/errors/domain-error.js';
import type { AuthUser } from './auth-user.js';
import type { Role } from './role.js';

/**
 * Who may do what, in one table. Each admin route names its permission with
 * `@RequirePermission(...)` and the global guard refuses other roles (403) before the handler
 * runs. Scope (which facilities) is checked separately, in the service that loads the object:
 * outside the admin's scope the object is reported missing (404).
 */
export const PERMISSIONS = {
  'facility.read': ['SUPERADMIN', 'REGIONAL_ADMIN', 'FACILITY_ADMIN'],
  'facility.create': ['SUPERADMIN', 'REGIONAL_ADMIN'],
  'facility.updateProfile': ['SUPERADMIN', 'REGIONAL_ADMIN', 'FACILITY_ADMIN'],
  /** Type, class, province, active flag: what the organisation decides, not the unit itself. */
  'facility.updateStatus': ['SUPERADMIN', 'REGIONAL_ADMIN'],
  'facility.manageRevenueSplit': ['SUPERADMIN', 'REGIONAL_ADMIN'],
  'user.read': ['SUPERADMIN', 'REGIONAL_ADMIN'],
  'user.manage': ['SUPERADMIN', 'REGIONAL_ADMIN'],
  'audit.read': ['SUPERADMIN', 'REGIONAL_ADMIN', 'FACILITY_ADMIN'],
  'product.manage': ['SUPERADMIN', 'REGIONAL_ADMIN', 'FACILITY_ADMIN'],
  'consent.manage': ['SUPERADMIN', 'REGIONAL_ADMIN', 'FACILITY_ADMIN'],
  'category.manage': ['SUPERADMIN'],
  'order.read': ['SUPERADMIN', 'REGIONAL_ADMIN', 'FACILITY_ADMIN'],
  'fulfilment.manage': ['SUPERADMIN', 'REGIONAL_ADMIN', 'FACILITY_ADMIN'],
  /** Confirm a bank transfer: whoever sees the whole order (regional or national), never a facility selling part of it. */
  'payment.confirm': ['SUPERADMIN', 'REGIONAL_ADMIN'],
  /** Draft, edit, submit and unpublish stories. */
  'story.write': ['SUPERADMIN', 'REGIONAL_ADMIN', 'FACILITY_ADMIN'],
  /** Humas review: approve or send back. Never the facility that wrote the story. */
  'story.review': ['SUPERADMIN', 'REGIONAL_ADMIN'],
  /** Sales, premi and PNBP reports, scoped to the reader. */
  'report.read': ['SUPERADMIN', 'REGIONAL_ADMIN', 'FACILITY_ADMIN'],
  /** Refund a paid order, whole or by line (a facility admin only its own lines). */
  'order.refund': ['SUPERADMIN', 'REGIONAL_ADMIN', 'FACILITY_ADMIN'],
  /** Showcase visits and, later, campaigns (Humas performance), scoped to the reader. */
  'humas.read': ['SUPERADMIN', 'REGIONAL_ADMIN', 'FACILITY_ADMIN'],
  /** The monthly Humas report of a regional office, for its head to sign: regional and national staff. */
  'humas.report': ['SUPERADMIN', 'REGIONAL_ADMIN'],
  /** Humas campaigns and their share links, QR codes and product cards, in the admin's own scope. */
  'humas.manage': ['SUPERADMIN', 'REGIONAL_ADMIN', 'FACILITY_ADMIN'],
  /** Partners, their API keys and webhook endpoints. */
  'partner.manage': ['SUPERADMIN'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Roles each role may hand out when creating accounts. */
const ASSIGNABLE_ROLES: Record<Role, readonly Role[]> = {
  SUPERADMIN: ['SUPERADMIN', 'REGIONAL_ADMIN', 'FACILITY_ADMIN'],
  REGIONAL_ADMIN: ['FACILITY_ADMIN'],
  FACILITY_ADMIN: [],
};

export function can(user: AuthUser, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(user.role);
}

/**
 * For the rare role check that depends on the request's data (which fields a body changes). What a
 * route does as a whole is declared on the route with `@RequirePermission(...)`, not here.
 */
export function assertCan(user: AuthUser, permission: Permission): void {
  if (!can(user, permission)) throw new ForbiddenError(`Your role (${user.role}) may not ${permission}`);
}

export function assertCanAssignRole(user: AuthUser, role: Role): void {
  if (!ASSIGNABLE_ROLES[user.role].includes(role)) {
    throw new ForbiddenError(`Your role (${user.role}) may not create ${role} accounts`);
  }
}

/** What an admin can see, as a filter a query can apply. */
export type Scope =
  | { kind: 'national' }
  | { kind: 'kanwil'; kanwilId: string }
  | { kind: 'facility'; facilityId: string; kanwilId: string };

export function scopeOf(user: AuthUser): Scope {
  switch (user.role) {
    case 'SUPERADMIN':
      return { kind: 'national' };
    case 'REGIONAL_ADMIN':
      return { kind: 'kanwil', kanwilId: required(user.kanwilId, 'kanwilId') };
    case 'FACILITY_ADMIN':
      return {
        kind: 'facility',
        facilityId: required(user.facilityId, 'facilityId'),
        kanwilId: required(user.kanwilId, 'kanwilId'),
      };
  }
}

export interface FacilityRef {
  id: string;
  kanwilId: string;
}

export function isInScope(user: AuthUser, facility: FacilityRef): boolean {
  const scope = scopeOf(user);
  switch (scope.kind) {
    case 'national':
      return true;
    case 'kanwil':
      return facility.kanwilId === scope.kanwilId;
    case 'facility':
      return facility.id === scope.facilityId;
  }
}

export function isKanwilInScope(user: AuthUser, kanwilId: string): boolean {
  const scope = scopeOf(user);
  return scope.kind === 'national' || (scope.kind === 'kanwil' && scope.kanwilId === kanwilId);
}

/** Out-of-scope objects are reported as missing: their existence is not the admin's business. */
export function assertInScope(user: AuthUser, facility: FacilityRef | null, what: string): asserts facility is FacilityRef {
  if (!facility || !isInScope(user, facility)) throw new NotFoundError(what);
}

/**
 * The facility a new object belongs to: the one asked for, or a facility admin's own. Whether
 * the admin may use it is the scope check's business (findInScope), not this one's.
 */
export function targetFacilityId(user: AuthUser, requested: string | undefined): string {
  const facilityId = requested ?? user.facilityId;
  if (!facilityId) throw new ValidationError('facilityId', 'is required unless you are a facility admin');
  return facilityId;
}

function required(value: string | null, field: string): string {
  // The database check constraint guarantees this; a null here is a bug, not a client error.
  if (value === null) throw new Error(`User scope is missing ${field}`);
  return value;
}
