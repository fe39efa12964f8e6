import { ApiProperty } from '@nestjs/swagger';
import { ROLES, Role } from '../auth/role.js';
import type { User } from '../auth/user.entity.js';

export class UserView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) kanwilId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) facilityId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The facility's name, for a facility admin", example: 'Lapas Kelas IIA Banjarmasin' })
  facilityName!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastLoginAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class KanwilOptionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'kalsel' }) code!: string;
  @ApiProperty({ example: 'Kanwil Ditjenpas Kalimantan Selatan' }) name!: string;
}

export class AssignableView {
  @ApiProperty({ enum: ROLES, isArray: true, description: 'Roles you may give a new account (a regional admin: FACILITY_ADMIN only)' })
  roles!: Role[];
  @ApiProperty({
    type: [KanwilOptionView],
    description: 'Kanwil you may place a new REGIONAL_ADMIN in (empty unless you may create one). Facilities you may place a FACILITY_ADMIN in are those GET /admin/facilities lists for you',
  })
  kanwils!: KanwilOptionView[];
}

/** `facilityNames`: facility id -> name, for the facility admins among the users. */
export function toUserView(user: User, facilityNames: ReadonlyMap<string, string>): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    kanwilId: user.kanwilId,
    facilityId: user.facilityId,
    facilityName: user.facilityId ? (facilityNames.get(user.facilityId) ?? null) : null,
    active: user.active,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}
