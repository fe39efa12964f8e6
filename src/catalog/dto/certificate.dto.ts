import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { Trim } from '../../common/validation/trim.js';
import { CERTIFICATE_KINDS, CertificateKind } from '../catalog.types.js';

export class CertificateDto {
  @ApiProperty({ enum: CERTIFICATE_KINDS })
  @IsIn(CERTIFICATE_KINDS)
  kind!: CertificateKind;

  @ApiProperty({ example: 'P-IRT 2066371010123-28' })
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  number!: string;

  @ApiProperty({ example: 'Dinas Kesehatan Kabupaten Kotabaru' })
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  issuer!: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Absent or null: does not expire' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true })
  validUntil?: string | null;
}
