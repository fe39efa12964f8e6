import type { AuthUser } from './auth-user.js';
import type { User } from './user.entity.js';

export function toAuthUser(user: User): AuthUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    kanwilId: user.kanwilId,
    facilityId: user.facilityId,
  };
}
