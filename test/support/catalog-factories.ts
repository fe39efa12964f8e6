import { DataSource } from 'typeorm';
import { Category } from '../../src/catalog/category.entity';
import { ProductCertificate } from '../../src/catalog/product-certificate.entity';
import { Product } from '../../src/catalog/product.entity';
import type { Facility } from '../../src/facilities/facility.entity';

let sequence = 0;

/** A category seeded by the migrations, by slug (`batik`, `roti-kue`, `kerajinan` ...). */
export async function category(dataSource: DataSource, slug: string): Promise<Category> {
  return dataSource.getRepository(Category).findOneByOrFail({ slug });
}

/**
 * A product straight in the database (published GOODS by default). FOOD made with this gets a
 * valid SPP-IRT permit unless `withPermit: false`.
 */
export async function makeProduct(
  dataSource: DataSource,
  facility: Facility,
  overrides: Partial<Product> & { categorySlug?: string; withPermit?: boolean } = {},
): Promise<Product> {
  sequence += 1;
  const { categorySlug, withPermit, ...fields } = overrides;
  const cat = await category(dataSource, categorySlug ?? 'kerajinan');
  const repository = dataSource.getRepository(Product);
  const kind = fields.kind ?? 'GOODS';
  const permitUntil = kind === 'FOOD' && withPermit !== false ? '2099-12-31' : null;
  const product = await repository.save(
    repository.create({
      facilityId: facility.id,
      categoryId: cat.id,
      program: 'PEMBINAAN_KEMANDIRIAN',
      kind,
      name: `Produk Uji ${sequence}`,
      slug: `produk-uji-${sequence}-${Math.random().toString(36).slice(2, 7)}`,
      description: 'Dibuat di bengkel kerja.',
      price: 50_000,
      unitCost: 20_000,
      stock: 10,
      weightGrams: 500,
      status: 'PUBLISHED',
      makerGroupName: null,
      makerConsentId: null,
      foodPermitValidUntil: permitUntil,
      salesCount: 0,
      publishedAt: new Date(),
      deletedAt: null,
      ...fields,
    }),
  );
  if (permitUntil) {
    await dataSource.getRepository(ProductCertificate).save({
      productId: product.id,
      kind: 'SPP_IRT',
      number: `P-IRT ${sequence}`,
      issuer: 'Dinas Kesehatan',
      validUntil: permitUntil,
    });
  }
  return product;
}
