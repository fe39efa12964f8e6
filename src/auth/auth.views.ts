import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, Role } from './role.js';
import type { AuthUser } from './auth-user.js';
import type { Session } from './auth.service.js';

export class MeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiPropertyOptional({ format: 'uuid', description: 'REGIONAL_ADMIN and FACILITY_ADMIN' }) kanwilId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'FACILITY_ADMIN only' }) facilityId?: string;
}

export class SessionView {
  @ApiProperty({ description: 'JWT; send as `Authorization: Bearer <token>`' }) accessToken!: string;
  @ApiProperty({ description: 'Opaque; exchange at /auth/refresh. Each one works once.' }) refreshToken!: string;
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn!: number;
  @ApiProperty({ type: MeView }) user!: MeView;
}

export function toMeView(user: AuthUser): MeView {
  const view: MeView = { id: user.id, email: user.email, name: user.name, role: user.role };
  if (user.kanwilId) view.kanwilId = user.kanwilId;
  if (user.facilityId) view.facilityId = user.facilityId;
  return view;
}

export function toSessionView(session: Session): SessionView {
  return {
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    expiresIn: session.expiresIn,
    user: toMeView(session.user),
  };
}
