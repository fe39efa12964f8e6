import { Injectable } from '@nestjs/common';
import type { StoryCardView } from './story-card.view.js';

/** What other features know about a facility and its public page shows (API.md). */
export interface FacilityFacts {
  /** Products on sale now. */
  productCount: number;
  /** Stories published now. */
  storyCount: number;
  /** The newest few published stories, newest first. */
  latestStories: StoryCardView[];
  /** What the facility's makers achieved (net of refunds). */
  impact: FacilityImpact;
}

export interface FacilityImpact {
  itemsSold: number;
  revenue: number;
  premiPaid: number;
  foodKgSold: number;
}

export type FacilityFactsSource = (facilityId: string) => Promise<Partial<FacilityFacts>>;

/**
 * Facilities sit below catalog, stories and impact and must not import them; those features
 * register what they count here instead, and the facility page collects it.
 */
@Injectable()
export class FacilityFactsRegistry {
  private readonly sources: FacilityFactsSource[] = [];

  register(source: FacilityFactsSource): void {
    this.sources.push(source);
  }

  async collect(facilityId: string): Promise<FacilityFacts> {
    const parts = await Promise.all(this.sources.map((source) => source(facilityId)));
    return Object.assign({ productCount: 0, storyCount: 0, latestStories: [], impact: { itemsSold: 0, revenue: 0, premiPaid: 0, foodKgSold: 0 } }, ...parts) as FacilityFacts;
  }
}
