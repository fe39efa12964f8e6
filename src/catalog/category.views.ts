import { ApiProperty } from '@nestjs/swagger';
import type { Category } from './category.entity.js';

export class CategoryView {
  @ApiProperty({ example: 'sasirangan' }) slug!: string;
  @ApiProperty({ example: 'Sasirangan' }) name!: string;
  @ApiProperty({ type: String, example: 'fesyen-batik', nullable: true }) parentSlug!: string | null;
  @ApiProperty() position!: number;
}

export function toCategoryView(category: Category, parentSlug: string | null): CategoryView {
  return { slug: category.slug, name: category.name, parentSlug, position: category.position };
}
