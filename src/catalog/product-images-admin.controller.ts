import { Body, Controller, Delete, Headers, HttpCode, HttpStatus, Param, Patch, Post, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiBody, ApiConsumes, ApiHeader, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { IdParam } from '../common/validation/params.js';
import { UploadFilesInterceptor } from '../media/upload-files.interceptor.js';
import { MAX_ALT_LENGTH, ProductImageParams, UpdateProductImageDto, UploadProductImagesDto } from './dto/product-image.dto.js';
import { ProductImagesService } from './product-images.service.js';
import { ProductImageView } from './product.views.js';
import { ApiProblem } from '../common/openapi/api-problem.decorator.js';

@ApiTags('admin: products')
@Authenticated()
@ApiProblem(404, { description: 'No such product (or image) in your scope (NOT_FOUND)' })
@Controller('admin/products')
export class ProductImagesAdminController {
  constructor(private readonly images: ProductImagesService) {}

  /**
   * Adds photos after the existing ones. Each is checked by its bytes (JPEG, PNG, WebP or HEIC/HEIF), turned
   * upright, stripped of all metadata (EXIF, GPS) and stored as WebP thumb/medium/large; the
   * original is not kept. One bad file fails the whole request and nothing is stored.
   * With an Idempotency-Key, a retry after a lost answer returns the photos already added.
   */
  @Post(':id/images')
  @ApiOperation({ summary: 'Upload product photos' })
  @RequirePermission('product.manage')
  @UseInterceptors(UploadFilesInterceptor('files'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['files'],
      properties: {
        files: { type: 'array', items: { type: 'string', format: 'binary' }, description: 'JPEG, PNG, WebP or HEIC/HEIF (iPhone photos; over 50 megapixels declared: 413 before decoding); limits per UPLOAD_MAX_FILES and UPLOAD_MAX_FILE_MB' },
        alt: { type: 'string', maxLength: MAX_ALT_LENGTH, description: 'Alternative text for every uploaded image' },
      },
    },
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      '1..255 printable ASCII, random (a UUID), one per upload attempt of the same photos. When an earlier upload to this product with the key succeeded, ' +
      'the answer is the images it created (nothing is added again); the key with other photos: 422 IDEMPOTENCY_KEY_REUSED',
  })
  @ApiCreatedResponse({ type: [ProductImageView] })
  @ApiProblem(422, { description: 'The Idempotency-Key already uploaded other photos to this product (IDEMPOTENCY_KEY_REUSED)' })
  @ApiProblem(413, { description: 'A file is larger than the limit, or has too many pixels (PAYLOAD_TOO_LARGE)' })
  @ApiProblem(415, { description: 'A file is not a JPEG, PNG, WebP or HEIC/HEIF image (UNSUPPORTED_MEDIA_TYPE)' })
  add(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: UploadProductImagesDto,
    @UploadedFiles() files: Express.Multer.File[] | undefined,
    @Headers('idempotency-key') uploadKey: string | undefined,
  ): Promise<ProductImageView[]> {
    return this.images.add(user, params.id, (files ?? []).map((file) => file.buffer), body, uploadKey);
  }

  /** Changes the alt text and/or the image's place in the gallery; returns the whole gallery in order. */
  @Patch(':id/images/:imageId')
  @ApiOperation({ summary: 'Update a product photo (alt text, position)' })
  @RequirePermission('product.manage')
  @ApiOkResponse({ type: [ProductImageView] })
  update(@CurrentUser() user: AuthUser, @Param() params: ProductImageParams, @Body() body: UpdateProductImageDto): Promise<ProductImageView[]> {
    return this.images.update(user, params.id, params.imageId, body);
  }

  /** Removes the image; its files go too unless another product shows the same picture. */
  @Delete(':id/images/:imageId')
  @ApiOperation({ summary: 'Delete a product photo' })
  @RequirePermission('product.manage')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Removed' })
  remove(@CurrentUser() user: AuthUser, @Param() params: ProductImageParams): Promise<void> {
    return this.images.remove(user, params.id, params.imageId);
  }
}
