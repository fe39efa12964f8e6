import { ApiProperty } from '@nestjs/swagger';
import { CategoryView } from './category.views.js';

export class PublicCategoryView extends CategoryView {
  @ApiProperty({ description: 'Products on sale in the category; a parent counts its subcategories too' }) productCount!: number;
}

export class CategoryListView {
  @ApiProperty({ type: [PublicCategoryView], description: 'Parents first, each followed by its subcategories, by position' })
  data!: PublicCategoryView[];
  @ApiProperty({ type: 'string', nullable: true, description: 'Always null: the tree is one page' }) nextCursor!: null;
}

/** What a partner mirror learns about a product that is deleted or no longer public. */
export class ProductTombstoneView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: [true] }) deleted!: true;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
