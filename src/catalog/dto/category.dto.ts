import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { SLUG_PATTERN } from '../../common/text/slug.js';
import { Trim } from '../../common/validation/trim.js';
import { NoDefaults } from '../../common/openapi/no-defaults.js';

export class CreateCategoryDto {
  @ApiProperty({ example: 'Anyaman & Purun' })
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(80)
  name!: string;

  @ApiPropertyOptional({ example: 'anyaman' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'must be lowercase letters, digits and single hyphens' })
  @MaxLength(80)
  slug?: string;

  @ApiPropertyOptional({ example: 'kerajinan', description: 'Makes this a subcategory' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'must be a category slug' })
  parentSlug?: string;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  position?: number;
}

export class UpdateCategoryDto extends NoDefaults(PartialType(PickType(CreateCategoryDto, ['name', 'position'] as const))) {}
