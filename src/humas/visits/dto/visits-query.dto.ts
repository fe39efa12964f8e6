import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';

export class VisitsQueryDto {
  @ApiPropertyOptional({ format: 'date', example: '2026-12-01', description: 'First day (WIB), inclusive; default 29 days before `to`' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like 2026-12-01' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-31', description: 'Last day (WIB), inclusive; default today' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like 2026-12-31' })
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One facility within your scope (not with kanwilId)' })
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One regional office (Kanwil) within your scope (not with facilityId)' })
  @IsOptional()
  @IsUUID()
  kanwilId?: string;
}
