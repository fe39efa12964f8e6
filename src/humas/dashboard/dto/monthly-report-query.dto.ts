import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { MONTH_PATTERN } from './ranking-query.dto.js';

export const MONTHLY_REPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf', 'html'] as const;
export type MonthlyReportFormat = (typeof MONTHLY_REPORT_FORMATS)[number];

export class MonthlyReportQueryDto {
  @ApiProperty({ example: '2026-11', description: 'Calendar month (WIB)' })
  @Matches(MONTH_PATTERN, { message: 'must be a month like 2026-11' })
  month!: string;

  @ApiPropertyOptional({ format: 'uuid', description: "The regional office (Kanwil); default a regional admin's own, required for national staff" })
  @IsOptional()
  @IsUUID()
  kanwilId?: string;

  @ApiPropertyOptional({ enum: MONTHLY_REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(MONTHLY_REPORT_FORMATS)
  format?: MonthlyReportFormat;
}
