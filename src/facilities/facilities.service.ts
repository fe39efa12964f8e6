import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { AuditService } from '../audit/audit.service.js';
import { assertInScope, can, isKanwilInScope, scopeOf } from '../auth/access-policy.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ForbiddenError } from '../common/errors/domain-error.js';
import { Page, toPage } from '../common/pagination/cursor.js';
import { DEFAULT_PAGE_SIZE } from '../common/pagination/page-query.dto.js';
import { slugify } from '../common/text/slug.js';
import type { CreateFacilityDto } from './dto/create-facility.dto.js';
import type { AdminListFacilitiesDto, ListFacilitiesDto } from './dto/list-facilities.dto.js';
import { STATUS_FIELDS, UpdateFacilityDto } from './dto/update-facility.dto.js';
import { Facility } from './facility.entity.js';
import { FacilityNotFound, SlugTaken, UnknownProvince } from './facility.errors.js';
import { applyFacilityListFilter, facilityCursor } from './facility.queries.js';
import { FacilityAdminView, FacilityDetailView, FacilityView, toFacilityAdminView, toFacilityView } from './facility.views.js';
import { FacilityFactsRegistry } from './facility-facts.registry.js';
import { RegionsService } from './regions.service.js';
import { RevenueSplitService } from './revenue-split.service.js';

@Injectable()
export class FacilitiesService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Facility) private readonly facilities: Repository<Facility>,
    private readonly regions: RegionsService,
    private readonly revenueSplits: RevenueSplitService,
    private readonly audit: AuditService,
    private readonly facts: FacilityFactsRegistry,
    private readonly config: AppConfig,
  ) {}

  async listPublic(query: ListFacilitiesDto): Promise<Page<FacilityView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const region = query.region ? await this.regions.resolve(query.region) : undefined;
    const rows = await applyFacilityListFilter(this.facilities.createQueryBuilder('f'), {
      ...query,
      region,
      active: true,
      limit,
    }).getMany();
    return toPage(rows, limit, facilityCursor, (facility) => toFacilityView(facility, this.config.webBaseUrl));
  }

  async getPublicBySlug(slug: string): Promise<FacilityDetailView> {
    const facility = await this.facilities.findOne({ where: { slug, active: true }, relations: { province: true, kanwil: true } });
    if (!facility) throw new FacilityNotFound();
    return { ...toFacilityView(facility, this.config.webBaseUrl), ...(await this.facts.collect(facility.id)) };
  }

  /**
   * The province code of each facility named by slug (active or not: an order outlives a
   * facility's listing), for showing a time in its zone.
   */
  async provinceCodesBySlug(slugs: readonly string[]): Promise<Map<string, string>> {
    if (slugs.length === 0) return new Map();
    const rows = await this.facilities.find({ where: { slug: In([...new Set(slugs)]) }, select: { slug: true, provinceCode: true } });
    return new Map(rows.map((row) => [row.slug, row.provinceCode]));
  }

  /** The name of each facility asked for (active or not), to label the accounts placed there. */
  async namesByIds(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.facilities.find({ where: { id: In([...new Set(ids)]) }, select: { id: true, name: true } });
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** Every active facility's slug and last change, for the sitemap. */
  async sitemapEntries(): Promise<{ slug: string; updatedAt: string }[]> {
    const rows = await this.facilities.find({ where: { active: true }, select: { slug: true, updatedAt: true }, order: { slug: 'ASC' } });
    return rows.map((row) => ({ slug: row.slug, updatedAt: row.updatedAt.toISOString() }));
  }

  async listForAdmin(user: AuthUser, query: AdminListFacilitiesDto): Promise<Page<FacilityAdminView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const region = query.region ? await this.regions.resolve(query.region) : undefined;
    const qb = this.facilities.createQueryBuilder('f');
    const scope = scopeOf(user);
    if (scope.kind === 'kanwil') qb.andWhere('f.kanwil_id = :scopeKanwilId', { scopeKanwilId: scope.kanwilId });
    if (scope.kind === 'facility') qb.andWhere('f.id = :scopeFacilityId', { scopeFacilityId: scope.facilityId });
    const rows = await applyFacilityListFilter(qb, { ...query, region, limit }).getMany();
    const rules = await this.revenueSplits.rulesInForce(rows.map((row) => row.id));
    return toPage(rows, limit, facilityCursor, (facility) => toFacilityAdminView(facility, rules.get(facility.id) ?? rules.national, this.config.webBaseUrl));
  }

  async getForAdmin(user: AuthUser, id: string): Promise<FacilityAdminView> {
    const facility = await this.findInScope(this.dataSource.manager, user, id);
    return this.adminView(facility);
  }

  async create(user: AuthUser, dto: CreateFacilityDto): Promise<FacilityAdminView> {
    const kanwilId = await this.kanwilFor(dto.provinceCode);
    if (!isKanwilInScope(user, kanwilId)) throw new ForbiddenError('You can only create facilities in your own Kanwil');
    const slug = dto.slug ?? slugify(dto.shortName);
    const created = await this.dataSource.transaction(async (em) => {
      if (await em.existsBy(Facility, { slug })) throw new SlugTaken(slug);
      const facility = em.create(Facility, { slug, kanwilId, ...fieldsFrom(dto) });
      await em.save(facility);
      await this.audit.record(em, user, {
        action: 'facility.create',
        entityType: 'facility',
        entityId: facility.id,
        facilityId: facility.id,
        kanwilId,
        before: null,
        after: snapshot(facility),
      });
      return facility;
    });
    return this.getForAdmin(user, created.id);
  }

  async update(user: AuthUser, id: string, dto: UpdateFacilityDto): Promise<FacilityAdminView> {
    const statusChanges = STATUS_FIELDS.filter((field) => dto[field] !== undefined);
    await this.dataSource.transaction(async (em) => {
      const facility = await this.findInScope(em, user, id, true);
      if (statusChanges.length > 0 && !can(user, 'facility.updateStatus')) {
        throw new ForbiddenError(`Your role may not change ${statusChanges.join(', ')}; ask your Kanwil`);
      }
      const before = snapshot(facility);
      if (dto.provinceCode !== undefined && dto.provinceCode !== facility.provinceCode) {
        const kanwilId = await this.kanwilFor(dto.provinceCode);
        if (!isKanwilInScope(user, kanwilId)) throw new ForbiddenError('You can only move a facility within your own Kanwil');
        facility.kanwilId = kanwilId;
        // Facility admins follow their facility into the new Kanwil's scope.
        await em.query('UPDATE app_user SET kanwil_id = $1 WHERE facility_id = $2', [kanwilId, facility.id]);
      }
      if (dto.slug !== undefined && dto.slug !== facility.slug && (await em.existsBy(Facility, { slug: dto.slug }))) {
        throw new SlugTaken(dto.slug);
      }
      Object.assign(facility, fieldsFrom(dto, facility));
      if (dto.slug !== undefined) facility.slug = dto.slug;
      if (dto.active !== undefined) facility.active = dto.active;
      await em.save(facility);
      await this.audit.record(em, user, {
        action: 'facility.update',
        entityType: 'facility',
        entityId: facility.id,
        facilityId: facility.id,
        kanwilId: facility.kanwilId,
        before,
        after: snapshot(facility),
      });
    });
    return this.getForAdmin(user, id);
  }

  /** Loads a facility the admin may see, or answers not-found (also for ones outside their scope). */
  async findInScope(em: EntityManager, user: AuthUser, id: string, lock = false): Promise<Facility> {
    const facility = await em.findOne(Facility, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    assertInScope(user, facility, 'Facility');
    return facility;
  }

  private async adminView(facility: Facility): Promise<FacilityAdminView> {
    const withRegion = await this.facilities.findOneOrFail({ where: { id: facility.id }, relations: { province: true, kanwil: true } });
    const rules = await this.revenueSplits.rulesInForce([facility.id]);
    return toFacilityAdminView(withRegion, rules.get(facility.id) ?? rules.national, this.config.webBaseUrl);
  }

  private async kanwilFor(provinceCode: string): Promise<string> {
    const kanwilId = await this.regions.kanwilOfProvince(provinceCode);
    if (!kanwilId) throw new UnknownProvince(provinceCode);
    return kanwilId;
  }
}

type FacilityFields = Partial<
  Pick<
    Facility,
    | 'type' | 'facilityClass' | 'kind' | 'name' | 'shortName' | 'provinceCode' | 'address' | 'city' | 'postalCode'
    | 'phone' | 'email' | 'description' | 'latitude' | 'longitude' | 'outletName' | 'outletAddress'
    | 'outletOpeningHours' | 'pickupAvailable' | 'shippingBaseFee' | 'shippingPerKgFee' | 'couriers' | 'localDelivery'
  >
>;

/** Maps the nested request shape onto columns; with `current`, absent fields keep their value. */
function fieldsFrom(dto: Partial<CreateFacilityDto> | UpdateFacilityDto, current?: Facility): FacilityFields {
  const fields: FacilityFields = {
    type: dto.type,
    facilityClass: dto.facilityClass,
    kind: dto.kind ?? (current ? undefined : 'UMUM'),
    name: dto.name,
    shortName: dto.shortName,
    provinceCode: dto.provinceCode,
    address: dto.address?.line,
    city: dto.address?.city,
    postalCode: dto.address?.postalCode,
    phone: dto.contact?.phone,
    email: dto.contact?.email,
    description: dto.description,
    outletName: dto.outlet?.name,
    outletAddress: dto.outlet?.address,
    outletOpeningHours: dto.outlet?.openingHours,
    pickupAvailable: dto.outlet?.pickupAvailable,
    shippingBaseFee: dto.shipping?.baseFee,
    shippingPerKgFee: dto.shipping?.perKgFee,
    couriers: dto.shipping?.couriers,
    localDelivery: dto.shipping?.localDelivery,
  };
  if (dto.location === null) {
    fields.latitude = null;
    fields.longitude = null;
  } else if (dto.location) {
    fields.latitude = dto.location.latitude;
    fields.longitude = dto.location.longitude;
  }
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

function snapshot(facility: Facility): Record<string, unknown> {
  const { province: _province, kanwil: _kanwil, createdAt: _createdAt, updatedAt: _updatedAt, version: _version, ...columns } = facility;
  return columns;
}
