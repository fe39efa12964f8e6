import { Injectable } from '@nestjs/common';
import type { StoryCardView } from '../facilities/story-card.view.js';

/** How the stories feature answers for a product's stories. */
export interface ProductStoriesSource {
  /** The product's stories, newest first, read on their own. */
  storiesOf(productId: string): Promise<StoryCardView[]>;
  /**
   * The same stories as an SQL expression of one JSON value, for the catalog's product page
   * statement (one round trip, issue 18); `productId` is the SQL expression of the product's id there.
   */
  jsonSql(productId: string): string;
  /** The stories from that JSON value, as node-postgres parsed it. */
  fromJson(value: unknown): StoryCardView[];
}

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
    return this.source ? this.source.storiesOf(productId) : Promise.resolve([]);
  }

  /** See ProductStoriesSource.jsonSql; without stories, an empty array. */
  jsonSql(productId: string): string {
    return this.source ? this.source.jsonSql(productId) : `'[]'::json`;
  }

  fromJson(value: unknown): StoryCardView[] {
    return this.source ? this.source.fromJson(value) : [];
  }
}
