import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Category } from '../catalog/category.entity.js';
import { ProductCertificate } from '../catalog/product-certificate.entity.js';
import { ProductImage } from '../catalog/product-image.entity.js';
import { Product } from '../catalog/product.entity.js';
import { StockPort } from '../catalog/stock.port.js';
import { foodPermitValidUntil } from '../catalog/product.rules.js';
import { slugify } from '../common/text/slug.js';
import type { Facility } from '../facilities/facility.entity.js';
import { lockContentHashes } from '../media/media-usage.js';
import { MediaService } from '../media/media.service.js';
import { DEMO_PRODUCTS, DemoProductData } from './data/demo-products.data.js';
import { placeholderPhoto } from './placeholder-photo.js';

/** Photos are made a few at a time: sharp runs on libuv's pool, so this uses both cores. */
const PHOTO_BATCH = 4;

/**
 * About 150 believable products for the demo, each with a generated photo that goes through the
 * real upload pipeline (type sniffing, metadata stripping, WebP variants).
 */
@Injectable()
export class DemoProductsSeeder {
  constructor(
    private readonly media: MediaService,
    private readonly stock: StockPort,
  ) {}

  async seed(em: EntityManager, facilities: Map<string, Facility>): Promise<number> {
    const categories = new Map((await em.find(Category)).map((c) => [c.slug, c]));
    const photos = await this.photos(em, DEMO_PRODUCTS);
    const publishedAt = Date.now();
    for (const [index, data] of DEMO_PRODUCTS.entries()) {
      const facility = facilities.get(data.facility);
      const category = categories.get(data.category);
      if (!facility || !category) throw new Error(`Demo product "${data.name}" names unknown ${facility ? 'category' : 'facility'}`);
      const status = data.status ?? 'PUBLISHED';
      const product = await em.save(
        em.create(Product, {
          facilityId: facility.id,
          categoryId: category.id,
          program: data.program,
          kind: data.kind,
          name: data.name,
          slug: slugify(data.name),
          description: data.description,
          price: data.price,
          unitCost: data.unitCost,
          weightGrams: data.weightGrams,
          status,
          makerGroupName: null,
          makerConsentId: null,
          foodPermitValidUntil: foodPermitValidUntil(data.certificates ?? []),
          salesCount: data.salesCount ?? 0,
          // Spread over the last weeks so "newest" has a believable order.
          publishedAt: status === 'PUBLISHED' ? new Date(publishedAt - (DEMO_PRODUCTS.length - index) * 3_600_000) : null,
          deletedAt: null,
        }),
      );
      if (data.stock > 0) await this.stock.adjust(em, product.id, { set: data.stock }, { note: 'demo data' });
      for (const certificate of data.certificates ?? []) {
        await em.insert(ProductCertificate, { productId: product.id, ...certificate });
      }
      const photo = photos[index];
      if (photo) {
        await em.insert(ProductImage, {
          productId: product.id,
          contentHash: photo.contentHash,
          width: photo.width,
          height: photo.height,
          alt: data.name,
          position: 0,
        });
      }
    }
    return DEMO_PRODUCTS.length;
  }

  private async photos(em: EntityManager, products: readonly DemoProductData[]): Promise<{ contentHash: string; width: number; height: number }[]> {
    const stored: { contentHash: string; width: number; height: number }[] = [];
    for (let start = 0; start < products.length; start += PHOTO_BATCH) {
      const batch = products.slice(start, start + PHOTO_BATCH);
      const buffers = await Promise.all(batch.map((p) => placeholderPhoto(p.name, p.imageHue)));
      const prepared = (await Promise.all(buffers.map((buffer) => this.media.prepareImages([buffer])))).flat();
      // Held until the seed commits, as an upload does: the media sweep must not take files
      // (left by an earlier database in the same folder) this seed is about to reuse.
      await lockContentHashes(em, prepared.map((image) => image.contentHash));
      const { images } = await this.media.writeImages(prepared);
      stored.push(...images);
    }
    return stored;
  }
}
