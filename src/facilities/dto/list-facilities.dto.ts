import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { FACILITY_TYPES, FacilityType } from '../facility.types.js';

export class ListFacilitiesDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Province code (63), ISO code (ID-KS) or Kanwil code (kalsel)', example: '63' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  region?: string;

  @ApiPropertyOptional({ enum: FACILITY_TYPES })
  @IsOptional()
  @IsIn(FACILITY_TYPES)
  type?: FacilityType;

  @ApiPropertyOptional({ description: 'Matches name, short name or city', example: 'banjar' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;
}

export class AdminListFacilitiesDto extends ListFacilitiesDto {
  @ApiPropertyOptional({ description: 'Only active (true) or inactive (false) facilities; both when absent' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
}
