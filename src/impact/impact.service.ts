import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runSql } from '../database/sql-query.js';
import { FacilityFactsRegistry } from '../facilities/facility-facts.registry.js';
import { IMPACT_BY_FACILITY_QUERY, LEDGER_WATERMARK_QUERY, type ImpactFacilityRow } from './impact.queries.js';
import type { ImpactNumbersView, ImpactView, RegionImpactView } from './impact.views.js';

/** Products and stories change without money moving; their counts may lag this long. */
const TTL_MS = 30_000;

interface Snapshot {
  view: ImpactView;
  byFacility: Map<string, ImpactNumbersView>;
  watermark: string;
  takenAt: number;
}

const zero = (): ImpactNumbersView => ({ facilities: 0, products: 0, itemsSold: 0, revenue: 0, premiPaid: 0, foodKgSold: 0, storiesPublished: 0 });

function add(into: ImpactNumbersView, row: ImpactFacilityRow): void {
  into.facilities += row.active ? 1 : 0;
  into.products += row.products;
  into.itemsSold += row.items;
  into.revenue += row.revenue;
  into.premiPaid += row.premi;
  into.foodKgSold += row.food_grams;
  into.storiesPublished += row.stories;
}

/** Grams summed as integers; kilograms rounded once, at the end, so the parts still add up in grams. */
function inKilograms(numbers: ImpactNumbersView): ImpactNumbersView {
  return { ...numbers, foodKgSold: Math.round(numbers.foodKgSold / 100) / 10 };
}

/**
 * What inmates' work achieved, for the public: one aggregate over the ledger per snapshot, kept
 * per process and taken again when the ledger moves (a payment or refund) or after 30 s. Each
 * request costs one index lookup while nothing changed.
 */
@Injectable()
export class ImpactService implements OnModuleInit {
  private snapshot: Snapshot | undefined;
  private refreshing: Promise<Snapshot> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly facilityFacts: FacilityFactsRegistry,
  ) {}

  onModuleInit(): void {
    this.facilityFacts.register(async (facilityId) => {
      const numbers = (await this.current()).byFacility.get(facilityId) ?? zero();
      const { itemsSold, revenue, premiPaid, foodKgSold } = numbers;
      return { impact: { itemsSold, revenue, premiPaid, foodKgSold } };
    });
  }

  async national(): Promise<ImpactView> {
    return (await this.current()).view;
  }

  private async current(): Promise<Snapshot> {
    const [mark] = await runSql<{ latest: Date }>(this.dataSource, { text: LEDGER_WATERMARK_QUERY, values: [] }, { prepare: true });
    const watermark = mark?.latest.toISOString() ?? '';
    const fresh = this.snapshot && this.snapshot.watermark === watermark && Date.now() - this.snapshot.takenAt < TTL_MS;
    if (fresh && this.snapshot) return this.snapshot;
    // One recomputation at a time per process; concurrent callers share it.
    this.refreshing ??= this.take(watermark).finally(() => {
      this.refreshing = undefined;
    });
    this.snapshot = await this.refreshing;
    return this.snapshot;
  }

  private async take(watermark: string): Promise<Snapshot> {
    const rows = await runSql<ImpactFacilityRow>(this.dataSource, { text: IMPACT_BY_FACILITY_QUERY, values: [] }, { prepare: true });
    const national = zero();
    const regions = new Map<string, RegionImpactView>();
    const byFacility = new Map<string, ImpactNumbersView>();
    for (const row of rows) {
      add(national, row);
      const region = regions.get(row.kanwil_code) ?? { kanwilCode: row.kanwil_code, name: row.kanwil_name, ...zero() };
      add(region, row);
      regions.set(row.kanwil_code, region);
      const own = zero();
      add(own, row);
      byFacility.set(row.id, inKilograms(own));
    }
    const byRegion = [...regions.values()].map((region) => ({ ...region, ...inKilograms(region) })).sort((a, b) => a.kanwilCode.localeCompare(b.kanwilCode));
    return {
      view: { ...inKilograms(national), currency: 'IDR', updatedAt: new Date().toISOString(), byRegion },
      byFacility,
      watermark,
      takenAt: Date.now(),
    };
  }
}
