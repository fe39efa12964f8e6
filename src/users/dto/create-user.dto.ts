import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../../common/validation/trim.js';
import { ROLES, Role } from '../../auth/role.js';

export const PASSWORD_MIN_LENGTH = 12;

export class CreateUserDto {
  @ApiProperty({ example: 'kotabaru@etalase.test' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Admin Lapas Kotabaru' })
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name!: string;

  @ApiProperty({ enum: ROLES, description: 'REGIONAL_ADMIN may only create FACILITY_ADMIN accounts' })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for REGIONAL_ADMIN' })
  @IsOptional()
  @IsUUID()
  kanwilId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for FACILITY_ADMIN' })
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, description: 'Initial password; share it out of band' })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(200)
  password!: string;
}
