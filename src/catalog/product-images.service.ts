import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ValidationError } from '../common/errors/domain-error.js';
import { MediaService, StoredImages } from '../media/media.service.js';
import { lockContentHashes, MediaUsage } from '../media/media-usage.js';
import type { UpdateProductImageDto, UploadProductImagesDto } from './dto/product-image.dto.js';
import { InvalidUploadKey, ProductImageNotFound, UploadKeyReused } from './product-image.errors.js';
import { ProductImage } from './product-image.entity.js';
import type { Product } from './product.entity.js';
import { ProductImageView, toProductImageView } from './product.views.js';
import { ProductsService } from './products.service.js';

/** Idempotency-Key as API.md has it for checkout: 1..255 printable ASCII (a UUID in practice). */
const UPLOAD_KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;

/**
 * A product's photo gallery. Image files are shared by content hash: the same picture on two
 * products is stored once, and its files go only when the last row using them does.
 *
 * Uploads and deletes of one picture are serialised by a transaction-scoped advisory lock on its
 * hash, held while files are written or removed and until the rows commit: a delete can never
 * remove files that a concurrent upload has just decided to reuse.
 */
@Injectable()
export class ProductImagesService implements OnModuleInit {
  private readonly logger = new Logger(ProductImagesService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly products: ProductsService,
    private readonly media: MediaService,
    private readonly audit: AuditService,
    private readonly mediaUsage: MediaUsage,
  ) {}

  onModuleInit(): void {
    // The media sweep removes files no feature claims; a product's photos are claimed here.
    this.mediaUsage.register(async (em, contentHashes) => {
      const rows = await em.query<{ hash: string }[]>(
        'SELECT DISTINCT content_hash AS hash FROM product_image WHERE content_hash = ANY($1::text[])',
        [contentHashes],
      );
      return rows.map((row) => row.hash);
    });
  }

  /**
   * Adds the images after the existing ones. Either every image is added or nothing is (rows and
   * files). With `uploadKey` (the request's Idempotency-Key), a retry of an upload that already
   * succeeded answers with the images it created; the same key with other pictures is refused.
   */
  async add(user: AuthUser, productId: string, files: Buffer[], input: UploadProductImagesDto, uploadKey?: string): Promise<ProductImageView[]> {
    if (uploadKey !== undefined && !UPLOAD_KEY_PATTERN.test(uploadKey)) throw new InvalidUploadKey();
    if (files.length === 0) throw new ValidationError('files', 'must contain at least one image');
    // Out of scope answers 404 before any CPU goes into decoding.
    await this.products.findInScope(this.dataSource.manager, user, productId);
    const prepared = await this.media.prepareImages(files);

    const written: { files?: StoredImages } = {};
    try {
      return await this.dataSource.transaction(async (em) => {
        const product = await this.products.findInScope(em, user, productId, { lock: true });
        // The product row lock serialises uploads to it, so a concurrent duplicate waits and then finds these rows.
        if (uploadKey !== undefined) {
          const earlier = await em.find(ProductImage, { where: { productId: product.id, uploadKey }, order: { position: 'ASC', id: 'ASC' } });
          if (earlier.length > 0) {
            const same = earlier.length === prepared.length && earlier.every((row, index) => row.contentHash === prepared[index]?.contentHash);
            if (!same) throw new UploadKeyReused();
            return earlier.map((row) => this.view(row));
          }
        }
        await lockContentHashes(em, prepared.map((image) => image.contentHash));
        written.files = await this.media.writeImages(prepared);
        try {
          const before = await this.gallery(em, product.id);
          const next = before.length === 0 ? 0 : Math.max(...before.map((image) => image.position)) + 1;
          const rows = await em.getRepository(ProductImage).save(
            written.files.images.map((image, index) =>
              em.create(ProductImage, {
                productId: product.id,
                contentHash: image.contentHash,
                width: image.width,
                height: image.height,
                alt: input.alt ?? '',
                position: next + index,
                uploadKey: uploadKey ?? null,
              }),
            ),
          );
          await this.recordChange(em, user, product, 'product.images.add', before, [...before, ...rows]);
          return rows.map((row) => this.view(row));
        } catch (error) {
          // Still holding the hash locks: nobody can have started reusing these files yet.
          await this.discard(written.files);
          throw error;
        }
      });
    } catch (error) {
      // The commit itself failed (rare): the rows are gone, so the new files must go too.
      if (written.files) await this.discard(written.files);
      throw error;
    }
  }

  /** Changes alt text and/or moves the image to `position`; the others shift to make room. Returns the whole gallery. */
  async update(user: AuthUser, productId: string, imageId: string, input: UpdateProductImageDto): Promise<ProductImageView[]> {
    if (input.alt === undefined && input.position === undefined) throw new ValidationError('body', 'must change alt or position');
    return this.dataSource.transaction(async (em) => {
      const product = await this.products.findInScope(em, user, productId, { lock: true });
      const before = await this.gallery(em, product.id);
      const image = before.find((candidate) => candidate.id === imageId);
      if (!image) throw new ProductImageNotFound();
      const after = before.map((row) => em.create(ProductImage, { ...row }));
      const moved = after.find((row) => row.id === imageId) as ProductImage;
      if (input.alt !== undefined) moved.alt = input.alt;
      if (input.position !== undefined) {
        if (input.position >= after.length) throw new ValidationError('position', `must be between 0 and ${after.length - 1}`);
        after.splice(after.indexOf(moved), 1);
        after.splice(input.position, 0, moved);
      }
      await this.saveChanged(em, before, renumber(after));
      await this.recordChange(em, user, product, 'product.images.update', before, after);
      return after.map((row) => this.view(row));
    });
  }

  /** Removes the image from the product; its files go too unless another image row still shows them. */
  async remove(user: AuthUser, productId: string, imageId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const product = await this.products.findInScope(em, user, productId, { lock: true });
      const before = await this.gallery(em, product.id);
      const image = before.find((candidate) => candidate.id === imageId);
      if (!image) throw new ProductImageNotFound();
      await em.delete(ProductImage, { id: image.id });
      const after = renumber(before.filter((row) => row.id !== image.id).map((row) => em.create(ProductImage, { ...row })));
      await this.saveChanged(em, before, after);
      await this.recordChange(em, user, product, 'product.images.delete', before, after);

      await lockContentHashes(em, [image.contentHash]);
      // Other photos with the same picture are claimed through MediaUsage too (onModuleInit).
      if (await this.mediaUsage.isUsed(em, image.contentHash)) return;
      try {
        await this.media.deleteImage(image.contentHash);
      } catch (error) {
        // The row is gone either way; files left behind are unreachable, not wrong.
        this.logger.warn({ err: error, contentHash: image.contentHash }, 'Could not delete the files of a removed image');
      }
    });
  }

  private view(image: ProductImage): ProductImageView {
    return toProductImageView(image, (hash) => this.media.urlsFor(hash));
  }

  /** The product's images in gallery order. */
  private gallery(em: EntityManager, productId: string): Promise<ProductImage[]> {
    return em.find(ProductImage, { where: { productId }, order: { position: 'ASC', createdAt: 'ASC', id: 'ASC' } });
  }

  private async saveChanged(em: EntityManager, before: ProductImage[], after: ProductImage[]): Promise<void> {
    const old = new Map(before.map((row) => [row.id, row]));
    for (const row of after) {
      const previous = old.get(row.id);
      if (previous && (previous.position !== row.position || previous.alt !== row.alt)) {
        await em.update(ProductImage, { id: row.id }, { position: row.position, alt: row.alt });
      }
    }
  }

  /** Bumps the product (ETags, partner mirrors) and logs the gallery before and after. */
  private async recordChange(em: EntityManager, user: AuthUser, product: Product, action: string, before: ProductImage[], after: ProductImage[]): Promise<void> {
    await this.products.touch(em, product.id);
    await this.audit.record(em, user, {
      action,
      entityType: 'product',
      entityId: product.id,
      facilityId: product.facilityId,
      kanwilId: product.facility?.kanwilId ?? null,
      before: { images: before.map(snapshot) },
      after: { images: after.map(snapshot) },
    });
  }

  private async discard(files: StoredImages): Promise<void> {
    try {
      await files.rollback();
    } catch (error) {
      this.logger.error({ err: error }, 'Could not remove the files of a failed image upload');
    }
  }
}

/** Positions 0..n-1 in the given order. */
function renumber(images: ProductImage[]): ProductImage[] {
  images.forEach((image, index) => (image.position = index));
  return images;
}

function snapshot(image: ProductImage): Record<string, unknown> {
  return { id: image.id, contentHash: image.contentHash, alt: image.alt, position: image.position };
}
