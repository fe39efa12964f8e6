import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { OptionalNotNull } from '../../common/validation/optional-not-null.js';
import { PRODUCT_STATUSES, ProductStatus } from '../catalog.types.js';
import { CreateProductDto } from './create-product.dto.js';
import { NoDefaults } from '../../common/openapi/no-defaults.js';

export class UpdateProductDto extends NoDefaults(PartialType(OmitType(CreateProductDto, ['facilityId', 'status'] as const), { skipNullProperties: false })) {
  @ApiPropertyOptional({ enum: PRODUCT_STATUSES, description: 'PUBLISHED needs a valid permit for FOOD; ARCHIVED takes it off sale' })
  @OptionalNotNull()
  @IsIn(PRODUCT_STATUSES)
  status?: ProductStatus;
}
