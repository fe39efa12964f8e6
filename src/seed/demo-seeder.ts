import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PasswordHasher } from '../auth/password-hasher.js';
import { User } from '../auth/user.entity.js';
import { DEMO_FACILITIES } from '../facilities/data/demo-facilities.data.js';
import { Facility } from '../facilities/facility.entity.js';
import { RevenueSplitRule } from '../facilities/revenue-split-rule.entity.js';
import { DemoProductsSeeder } from './demo-products.seeder.js';
import { DemoStoriesSeeder } from './demo-stories.seeder.js';

export const DEMO_PASSWORD = 'etalase-demo';

export interface SeedResult {
  accounts: string[];
  password: string;
  facilities: number;
  products: number;
  stories: number;
}

/**
 * Fills an empty database with a believable demo: real facilities (Kalimantan Selatan in depth),
 * their products with photos, and one admin per role. Only ever runs when SEED_DEMO is on (the embedded default).
 */
@Injectable()
export class DemoSeeder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly products: DemoProductsSeeder,
    private readonly stories: DemoStoriesSeeder,
  ) {}

  async seedIfEmpty(): Promise<SeedResult | null> {
    if ((await this.dataSource.getRepository(Facility).count()) > 0) return null;
    const passwordHash = await this.passwords.hash(DEMO_PASSWORD);
    return this.dataSource.transaction(async (em) => {
      // Two processes starting at once must not both seed.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['etalase:demo-seed']);
      if ((await em.count(Facility)) > 0) return null;
      const facilities = await this.seedFacilities(em);
      const accounts = await this.seedAccounts(em, facilities, passwordHash);
      const products = await this.products.seed(em, facilities);
      const stories = await this.stories.seed(em, facilities);
      return { accounts, password: DEMO_PASSWORD, facilities: facilities.size, products, stories };
    });
  }

  private async seedFacilities(em: EntityManager): Promise<Map<string, Facility>> {
    const kanwilByProvince = new Map(
      (await em.query<{ code: string; kanwil_id: string }[]>('SELECT code, kanwil_id FROM province')).map((row) => [
        row.code,
        row.kanwil_id,
      ]),
    );
    const bySlug = new Map<string, Facility>();
    for (const data of DEMO_FACILITIES) {
      const kanwilId = kanwilByProvince.get(data.provinceCode);
      if (!kanwilId) throw new Error(`Demo facility ${data.slug} names unknown province ${data.provinceCode}`);
      const facility = em.create(Facility, {
        slug: data.slug,
        type: data.type,
        facilityClass: data.facilityClass,
        kind: data.kind,
        name: data.name,
        shortName: data.shortName,
        provinceCode: data.provinceCode,
        kanwilId,
        address: data.address,
        city: data.city,
        postalCode: data.postalCode,
        phone: data.phone,
        email: data.email,
        description: data.description,
        latitude: data.latitude,
        longitude: data.longitude,
        outletName: data.outlet?.name ?? null,
        outletAddress: data.outlet?.address ?? null,
        outletOpeningHours: data.outlet?.openingHours ?? null,
        pickupAvailable: data.outlet?.pickupAvailable ?? false,
        shippingBaseFee: data.shipping.baseFee,
        shippingPerKgFee: data.shipping.perKgFee,
        couriers: data.shipping.couriers,
        localDelivery: data.shipping.localDelivery,
      });
      await em.save(facility);
      if (data.revenueSplit) {
        await em.insert(RevenueSplitRule, {
          facilityId: facility.id,
          effectiveFrom: '2025-01-01',
          ...data.revenueSplit,
          note: 'Demo: facility rule differing from the national default',
        });
      }
      bySlug.set(facility.slug, facility);
    }
    return bySlug;
  }

  private async seedAccounts(em: EntityManager, facilities: Map<string, Facility>, passwordHash: string): Promise<string[]> {
    const banjarmasin = facilities.get('lapas-banjarmasin');
    if (!banjarmasin) throw new Error('Demo data lacks lapas-banjarmasin');
    const accounts: Partial<User>[] = [
      { email: 'superadmin@etalase.test', name: 'Admin Nasional Ditjenpas', role: 'SUPERADMIN', kanwilId: null, facilityId: null },
      { email: 'kalsel@etalase.test', name: 'Humas Kanwil Kalimantan Selatan', role: 'REGIONAL_ADMIN', kanwilId: banjarmasin.kanwilId, facilityId: null },
      {
        email: 'banjarmasin@etalase.test',
        name: 'Admin Lapas Banjarmasin',
        role: 'FACILITY_ADMIN',
        kanwilId: banjarmasin.kanwilId,
        facilityId: banjarmasin.id,
      },
    ];
    for (const account of accounts) await em.insert(User, { ...account, passwordHash });
    return accounts.map((account) => `${account.email} (${account.role})`);
  }
}
