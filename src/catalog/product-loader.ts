import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Facility } from '../facilities/facility.entity.js';
import { Category } from './category.entity.js';
import { MakerConsent } from './maker-consent.entity.js';
import { ProductCertificate } from './product-certificate.entity.js';
import { ProductImage } from './product-image.entity.js';
import type { Product } from './product.entity.js';
import type { LoadedProduct } from './product.views.js';

/**
 * Loads what product views show for a whole page at once: one query per relation, never one
 * per product.
 */
@Injectable()
export class ProductLoader {
  async load(em: EntityManager, products: Product[]): Promise<LoadedProduct[]> {
    if (products.length === 0) return [];
    const ids = products.map((p) => p.id);
    const unique = <T>(values: T[]): T[] => [...new Set(values)];
    const consentIds = unique(products.map((p) => p.makerConsentId).filter((id): id is string => id !== null));
    // Sequential on purpose: inside a transaction the manager has one connection.
    const images = await em.find(ProductImage, { where: { productId: In(ids) }, order: { position: 'ASC', createdAt: 'ASC' } });
    const certificates = await em.find(ProductCertificate, { where: { productId: In(ids) }, order: { createdAt: 'ASC' } });
    const facilities = await em.find(Facility, {
      where: { id: In(unique(products.map((p) => p.facilityId))) },
      relations: { province: true, kanwil: true },
    });
    const categories = await em.find(Category, { where: { id: In(unique(products.map((p) => p.categoryId))) } });
    const consents = consentIds.length ? await em.find(MakerConsent, { where: { id: In(consentIds) } }) : [];
    const byId = <T extends { id: string }>(rows: T[]): Map<string, T> => new Map(rows.map((row) => [row.id, row]));
    const facilityById = byId(facilities);
    const categoryById = byId(categories);
    const consentById = byId(consents);
    return products.map((product) => {
      product.facility = facilityById.get(product.facilityId);
      product.category = categoryById.get(product.categoryId);
      product.makerConsent = product.makerConsentId ? consentById.get(product.makerConsentId) : undefined;
      return {
        product,
        images: images.filter((image) => image.productId === product.id),
        certificates: certificates.filter((certificate) => certificate.productId === product.id),
      };
    });
  }
}
