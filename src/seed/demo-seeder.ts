import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { PasswordHasher } from '../auth/password-hasher.js';
import type { Role } from '../auth/role.js';
import { User } from '../auth/user.entity.js';
import { AppConfig } from '../config/app-config.js';
import { DEMO_FACILITIES } from '../facilities/data/demo-facilities.data.js';
import { Facility } from '../facilities/facility.entity.js';
import { RevenueSplitRule } from '../facilities/revenue-split-rule.entity.js';
import { DemoProductsSeeder } from './demo-products.seeder.js';
import { DeliveryZone } from '../facilities/delivery-zone.entity.js';
import type { ShippingRoute } from '../facilities/facility.types.js';
import { DemoStoriesSeeder } from './demo-stories.seeder.js';

export const DEMO_PASSWORD = 'etalase-demo';

export interface DemoAccount {
  email: string;
  role: Role;
  password: string;
}

export interface SeedResult {
  accounts: DemoAccount[];
  /** True when each account got its own random password (forced demo seeding in production). */
  randomPasswords: boolean;
  facilities: number;
  products: number;
  stories: number;
}

/**
 * Fills an empty database with a believable demo: real facilities (Kalimantan Selatan in depth),
 * their products with photos, and one admin per role. Only ever runs when SEED_DEMO is on (the embedded default).
 * Outside production the accounts share README's published password; in production (only with
 * SEED_DEMO_FORCE) each gets a random one, returned here once and never stored in clear.
 */
@Injectable()
export class DemoSeeder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly products: DemoProductsSeeder,
    private readonly stories: DemoStoriesSeeder,
    private readonly config: AppConfig,
  ) {}

  /** Seeds once into an empty database; the answer (passwords included) exists only this once. */
  async seedIfEmpty(): Promise<SeedResult | null> {
    if ((await this.dataSource.getRepository(Facility).count()) > 0) return null;
    const randomPasswords = this.config.demoPasswords === 'random';
    return this.dataSource.transaction(async (em) => {
      // Two processes starting at once must not both seed.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['etalase:demo-seed']);
      if ((await em.count(Facility)) > 0) return null;
      const facilities = await this.seedFacilities(em);
      const accounts = await this.seedAccounts(em, facilities, randomPasswords);
      const products = await this.products.seed(em, facilities);
      const stories = await this.stories.seed(em, facilities);
      return { accounts, randomPasswords, facilities: facilities.size, products, stories };
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
      for (const [route, provinceCodes] of Object.entries(data.shipping.deliveryZones ?? {}) as [ShippingRoute, string[] | null][]) {
        await em.insert(DeliveryZone, { facilityId: facility.id, route, provinceCodes });
      }
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

  private async seedAccounts(em: EntityManager, facilities: Map<string, Facility>, randomPasswords: boolean): Promise<DemoAccount[]> {
    const banjarmasin = facilities.get('lapas-banjarmasin');
    if (!banjarmasin) throw new Error('Demo data lacks lapas-banjarmasin');
    const accounts: Pick<User, 'email' | 'name' | 'role' | 'kanwilId' | 'facilityId'>[] = [
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
    const publishedHash = randomPasswords ? '' : await this.passwords.hash(DEMO_PASSWORD);
    const seeded: DemoAccount[] = [];
    for (const account of accounts) {
      const password = randomPasswords ? randomBytes(18).toString('base64url') : DEMO_PASSWORD;
      await em.insert(User, { ...account, passwordHash: randomPasswords ? await this.passwords.hash(password) : publishedHash });
      seeded.push({ email: account.email, role: account.role, password });
    }
    return seeded;
  }
}
