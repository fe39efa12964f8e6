import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from '../../common/validation/trim.js';
import { MAX_ALT_LENGTH } from '../../media/media.types.js';

/** The text field of the multipart cover upload; the photo comes as `file`. */
export class StoryCoverDto {
  @ApiPropertyOptional({ description: 'Alternative text of the cover', maxLength: MAX_ALT_LENGTH })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(MAX_ALT_LENGTH)
  alt?: string;
}
