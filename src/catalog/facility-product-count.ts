import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FacilityFactsRegistry } from '../facilities/facility-facts.registry.js';
import { FACILITY_PRODUCT_COUNT_QUERY } from './catalog-queries.js';

/** Tells the facility page how many products it has on sale (same visibility as the catalog). */
@Injectable()
export class FacilityProductCount implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: FacilityFactsRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(async (facilityId) => {
      const [row] = await this.dataSource.query<{ count: number }[]>(FACILITY_PRODUCT_COUNT_QUERY, [facilityId]);
      return { productCount: row?.count ?? 0 };
    });
  }
}
