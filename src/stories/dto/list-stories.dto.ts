import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { PROGRAMS, type Program } from '../../catalog/catalog.types.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { SLUG_PATTERN } from '../../common/text/slug.js';
import { TAG_PATTERN } from './create-story.dto.js';

export class ListStoriesDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Facility slug', example: 'lapas-banjarmasin' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'must be a facility slug' })
  @MaxLength(120)
  facility?: string;

  @ApiPropertyOptional({ description: 'Product slug: stories about this product' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'must be a product slug' })
  @MaxLength(120)
  product?: string;

  @ApiPropertyOptional({ example: 'panen' })
  @IsOptional()
  @Matches(TAG_PATTERN, { message: 'must be a tag (lowercase letters, digits, hyphens)' })
  @MaxLength(40)
  tag?: string;

  @ApiPropertyOptional({ enum: PROGRAMS })
  @IsOptional()
  @IsIn(PROGRAMS)
  program?: Program;
}
