import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { Trim } from '../../common/validation/trim.js';
import { CONSENT_NAME_KINDS, CONSENT_SCOPES, ConsentNameKind, ConsentScope } from '../catalog.types.js';

/** Initials like "A.R." or "M.S.A."; letters and dots only. */
export const INITIALS_PATTERN = /^(?:[A-Z]\.){1,4}$/;
/** A chosen pseudonym: one to three short words, letters only. */
export const PSEUDONYM_PATTERN = /^[A-Za-z]{2,15}(?: [A-Za-z]{2,15}){0,2}$/;

@ValidatorConstraint({ name: 'makerDisplayName' })
class MakerDisplayName implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    if (typeof value !== 'string') return false;
    const kind = (args.object as { nameKind?: unknown }).nameKind;
    return kind === 'INITIALS' ? INITIALS_PATTERN.test(value) : PSEUDONYM_PATTERN.test(value);
  }

  defaultMessage(args: ValidationArguments): string {
    return (args.object as { nameKind?: unknown }).nameKind === 'INITIALS'
      ? 'initials must look like A.R. (capital letters, each followed by a dot)'
      : 'a pseudonym is one to three short words of letters';
  }
}

export class CreateConsentDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Required unless you are a facility admin (then: your facility)' })
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @ApiProperty({ example: 'A.R.', description: 'Initials ("A.R.") or a pseudonym the maker chose ("Pak Kayu"); never a full name' })
  @Trim()
  @IsString()
  @Validate(MakerDisplayName)
  displayName!: string;

  @ApiProperty({ enum: CONSENT_NAME_KINDS })
  @IsIn(CONSENT_NAME_KINDS)
  nameKind!: ConsentNameKind;

  @ApiProperty({ enum: CONSENT_SCOPES, isArray: true, maxItems: CONSENT_SCOPES.length, description: 'What the maker agreed to' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CONSENT_SCOPES.length)
  @ArrayUnique()
  @IsIn(CONSENT_SCOPES, { each: true })
  scopes!: ConsentScope[];

  @ApiProperty({ format: 'date', example: '2026-11-20' })
  @IsISO8601({ strict: true })
  recordedOn!: string;

  @ApiProperty({ example: 'Budi S., Kasi Giatja (NIP 19800101...)', description: 'The officer who recorded the consent' })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  recordedByOfficer!: string;
}
