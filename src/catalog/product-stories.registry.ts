import { Injectable } from '@nestjs/common';
import type { StoryCardView } from '../facilities/story-card.view.js';

export type ProductStoriesSource = (productId: string) => Promise<StoryCardView[]>;

/**
 * The product page shows the stories told about the product. Stories sit above the catalog and
 * may not be imported by it, so they register their lookup here at start-up.
 */
@Injectable()
export class ProductStoriesRegistry {
  private source: ProductStoriesSource | undefined;

  register(source: ProductStoriesSource): void {
    this.source = source;
  }

  storiesOf(productId: string): Promise<StoryCardView[]> {
    return this.source ? this.source(productId) : Promise.resolve([]);
  }
}
