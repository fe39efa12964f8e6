import type { Role } from './role.js';

/** The signed-in admin, as every service that checks scope receives it. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  kanwilId: string | null;
  facilityId: string | null;
}
