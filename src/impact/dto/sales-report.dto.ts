import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { REPORT_GROUPS, type ReportGroup } from '../report.types.js';

const commaList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((part) => part.trim()).filter((part) => part.length > 0) : value;

export class SalesReportQueryDto {
  @ApiPropertyOptional({ format: 'date', example: '2026-11-01', description: 'First day (WIB), inclusive; default the first of this month' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like 2026-11-01' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-30', description: 'Last day (WIB), inclusive; default today' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like 2026-11-30' })
  to?: string;

  @ApiPropertyOptional({ description: `Comma-separated, any of ${REPORT_GROUPS.join(' ')}; none gives totals only. program and category are those each line was sold under, not the product's today`, example: 'facility,month' })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayMaxSize(REPORT_GROUPS.length)
  @ArrayUnique()
  @IsIn(REPORT_GROUPS, { each: true })
  groupBy?: ReportGroup[];

  @ApiPropertyOptional({ format: 'uuid', description: 'One facility (within your scope)' })
  @IsOptional()
  @IsUUID()
  facilityId?: string;
}

export class PnbpReportQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Required unless you are a facility admin (then: your facility)' })
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @ApiPropertyOptional({ example: '2026-11', description: 'Month (WIB); default the previous month, the one being filed' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month like 2026-11' })
  month?: string;
}
