import { EntityManager, In } from 'typeorm';
import type { Program } from '../catalog/catalog.types.js';
import { Product } from '../catalog/product.entity.js';

/** Where a sale counts in reports: the product's programme and category when it was sold. */
export interface SaleClassification {
  program: Program;
  categoryId: string;
}

/**
 * Read in the checkout's transaction after the stock was reserved: the reservation holds each
 * product's row lock, so no edit can move a product between its sale and this read.
 */
export async function saleClassifications(em: EntityManager, productIds: readonly string[]): Promise<Map<string, SaleClassification>> {
  const rows = await em.find(Product, { select: { id: true, program: true, categoryId: true }, where: { id: In([...productIds]) } });
  return new Map(rows.map((row) => [row.id, { program: row.program, categoryId: row.categoryId }]));
}
