import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class CreateRevenueSplitDto {
  @ApiProperty({ format: 'date', example: '2027-01-01', description: 'Today or later: past sales keep the rule they were made under' })
  @IsISO8601({ strict: true })
  effectiveFrom!: string;

  @ApiProperty({ example: 50 })
  @IsInt()
  @Min(0)
  @Max(100)
  premiPercent!: number;

  @ApiProperty({ example: 15 })
  @IsInt()
  @Min(0)
  @Max(100)
  pnbpPercent!: number;

  @ApiProperty({ example: 35 })
  @IsInt()
  @Min(0)
  @Max(100)
  capitalPercent!: number;

  @ApiPropertyOptional({ example: 'SK Kalapas No. 12/2026' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
