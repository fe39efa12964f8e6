import { ApiProperty } from '@nestjs/swagger';
import { CONSENT_NAME_KINDS, CONSENT_SCOPES, ConsentNameKind, ConsentScope } from './catalog.types.js';
import type { MakerConsent } from './maker-consent.entity.js';

export class ConsentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) facilityId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: CONSENT_NAME_KINDS }) nameKind!: ConsentNameKind;
  @ApiProperty({ enum: CONSENT_SCOPES, isArray: true }) scopes!: ConsentScope[];
  @ApiProperty({ format: 'date' }) recordedOn!: string;
  @ApiProperty() recordedByOfficer!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) withdrawnAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export function toConsentView(consent: MakerConsent): ConsentView {
  return {
    id: consent.id,
    facilityId: consent.facilityId,
    displayName: consent.displayName,
    nameKind: consent.nameKind,
    scopes: consent.scopes,
    recordedOn: consent.recordedOn,
    recordedByOfficer: consent.recordedByOfficer,
    withdrawnAt: consent.withdrawnAt?.toISOString() ?? null,
    createdAt: consent.createdAt.toISOString(),
  };
}
