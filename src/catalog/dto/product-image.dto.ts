import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IdParam } from '../../common/validation/params.js';
import { OptionalNotNull } from '../../common/validation/optional-not-null.js';
import { Trim } from '../../common/validation/trim.js';
import { MAX_ALT_LENGTH } from '../../media/media.types.js';

export { MAX_ALT_LENGTH };

export class ProductImageParams extends IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  imageId!: string;
}

/** The text fields of the multipart upload; the files come as `files`. */
export class UploadProductImagesDto {
  @ApiPropertyOptional({ description: 'Alternative text applied to every uploaded image', maxLength: MAX_ALT_LENGTH })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(MAX_ALT_LENGTH)
  alt?: string;
}

export class UpdateProductImageDto {
  @ApiPropertyOptional({ description: 'Alternative text; empty marks the image decorative', maxLength: MAX_ALT_LENGTH })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @MaxLength(MAX_ALT_LENGTH)
  alt?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'New place in the product\'s gallery, from 0; the other images shift to make room', minimum: 0 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(10_000)
  position?: number;
}
