import { ApiProperty } from '@nestjs/swagger';
import { PARTNER_SCOPES, type PartnerScope } from '../auth/partner-caller.js';
import type { ApiKey } from './api-key.entity.js';
import type { Partner } from './partner.entity.js';

export class PartnerView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() contactEmail!: string;
  @ApiProperty() rateLimitPerMinute!: number;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ApiKeyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'etk_Ab3dE6gH9jK1', description: 'The visible start of the key, to recognise it' }) prefix!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: PARTNER_SCOPES, isArray: true }) scopes!: PartnerScope[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'To the minute' }) lastUsedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Set after a rotation' }) replacedById!: string | null;
  @ApiProperty({ enum: ['ACTIVE', 'EXPIRED', 'REVOKED'] }) status!: 'ACTIVE' | 'EXPIRED' | 'REVOKED';
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** A key as created: the only time its secret is ever shown. */
export class CreatedApiKeyView extends ApiKeyView {
  @ApiProperty({ example: 'etk_Ab3dE6gH9jK1_...', description: 'Send as X-Api-Key. Shown once; Etalase keeps only a hash' }) key!: string;
}

export function toPartnerView(partner: Partner): PartnerView {
  return {
    id: partner.id,
    name: partner.name,
    contactEmail: partner.contactEmail,
    rateLimitPerMinute: partner.rateLimitPerMinute,
    active: partner.active,
    createdAt: partner.createdAt.toISOString(),
    updatedAt: partner.updatedAt.toISOString(),
  };
}

export function toApiKeyView(key: ApiKey, now = new Date()): ApiKeyView {
  const status = key.revokedAt ? 'REVOKED' : key.expiresAt && key.expiresAt <= now ? 'EXPIRED' : 'ACTIVE';
  return {
    id: key.id,
    prefix: `etk_${key.prefix}`,
    label: key.label,
    scopes: key.scopes,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    replacedById: key.replacedById,
    status,
    createdAt: key.createdAt.toISOString(),
  };
}
