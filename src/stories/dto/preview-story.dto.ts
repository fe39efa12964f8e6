import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { OptionalNotNull } from '../../common/validation/optional-not-null.js';
import { Trim } from '../../common/validation/trim.js';

/**
 * What the editor shows while the author types: the public page's fields, not yet saved. Limits
 * match a story's, but nothing is required (an empty editor previews as empty).
 */
export class PreviewStoryDto {
  @ApiProperty({ description: 'Markdown, as typed', maxLength: 50000 })
  @IsString()
  @MaxLength(50_000)
  markdown!: string;

  @ApiPropertyOptional({ maxLength: 160 })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @MaxLength(160)
  title?: string;

  @ApiPropertyOptional({ maxLength: 300 })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @MaxLength(300)
  excerpt?: string;
}
