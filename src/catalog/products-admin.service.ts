import { Injectable } from '@nestjs/common';
import { Page } from '../common/pagination/cursor.js';
import { newestFirstPage } from '../common/pagination/newest-first.js';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AppConfig } from '../config/app-config.js';
import { ProductEvents } from './product-events.js';
import { targetFacilityId } from '../auth/access-policy.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ValidationError } from '../common/errors/domain-error.js';
import { likePattern, slugify } from '../common/text/slug.js';
import { FacilitiesService } from '../facilities/facilities.service.js';
import { whereFacilityInScope } from '../facilities/facility-scope.js';
import type { Facility } from '../facilities/facility.entity.js';
import { MediaService } from '../media/media.service.js';
import { Category } from './category.entity.js';
import type { CertificateDto } from './dto/certificate.dto.js';
import type { CreateProductDto } from './dto/create-product.dto.js';
import type { ListAdminProductsDto } from './dto/list-admin-products.dto.js';
import type { StockChangeDto } from './dto/stock-change.dto.js';
import type { UpdateProductDto } from './dto/update-product.dto.js';
import { MakerConsent } from './maker-consent.entity.js';
import { ProductCertificate } from './product-certificate.entity.js';
import {
  CategoryNotFound,
  ConsentNotUsable,
  FoodPermitRequired,
  IndividualCreditRefusedAtLpka,
  ProductSlugTaken,
  StockWouldGoNegative,
} from './product.errors.js';
import { Product } from './product.entity.js';
import { ProductLoader } from './product-loader.js';
import { LoadedProduct, ProductAdminView, toProductAdminView } from './product.views.js';
import { permitAllowsSale } from './sellability.js';
import { StockPort } from './stock.port.js';
import { StockMovement } from './stock-movement.entity.js';
import { StockMovementView, toStockMovementView } from './stock-movement.views.js';
import type { PageQueryDto } from '../common/pagination/page-query.dto.js';
import { ProductsService } from './products.service.js';
import { foodPermitValidUntil } from './product.rules.js';

/** Facility admins' product work: create, edit, publish, stock, delete; always inside their scope. */
@Injectable()
export class ProductsAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly products: ProductsService,
    private readonly facilities: FacilitiesService,
    private readonly loader: ProductLoader,
    private readonly media: MediaService,
    private readonly audit: AuditService,
    private readonly events: ProductEvents,
    private readonly config: AppConfig,
    private readonly stock: StockPort,
  ) {}

  async list(user: AuthUser, query: ListAdminProductsDto): Promise<Page<ProductAdminView> & { total?: number }> {
    const qb = this.dataSource.getRepository(Product).createQueryBuilder('p');
    whereFacilityInScope(qb, user, 'p.facility_id');
    if (query.facilityId) qb.andWhere('p.facility_id = :facilityId', { facilityId: query.facilityId });
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (!query.includeDeleted) qb.andWhere('p.deleted_at IS NULL');
    if (query.q) qb.andWhere('p.name ILIKE :pattern', { pattern: likePattern(query.q.trim()) });
    if (query.stockAtMost !== undefined) qb.andWhere('p.stock <= :stockAtMost', { stockAtMost: query.stockAtMost });
    if (query.permitExpiresBefore !== undefined) {
      qb.andWhere('EXISTS (SELECT 1 FROM product_certificate pc WHERE pc.product_id = p.id AND pc.valid_until < :permitExpiresBefore::date)', {
        permitExpiresBefore: query.permitExpiresBefore,
      });
    }
    // Counted before paging adds its cursor condition, order and limit.
    const total = query.includeTotal ? await qb.clone().getCount() : undefined;
    const page = await newestFirstPage(qb, query);
    const loaded = await this.loader.load(this.dataSource.manager, page.data);
    return { data: loaded.map((l) => this.toView(l)), nextCursor: page.nextCursor, ...(total !== undefined && { total }) };
  }

  async get(user: AuthUser, id: string): Promise<ProductAdminView> {
    const product = await this.products.findInScope(this.dataSource.manager, user, id, { includeDeleted: true });
    return this.view(this.dataSource.manager, product.id);
  }

  async create(user: AuthUser, dto: CreateProductDto): Promise<ProductAdminView> {
    const facilityId = targetFacilityId(user, dto.facilityId);
    return this.dataSource.transaction(async (em) => {
      const facility = await this.facilities.findInScope(em, user, facilityId);
      const category = await this.category(em, dto.category);
      const product = em.create(Product, {
        facilityId: facility.id,
        categoryId: category.id,
        program: dto.program,
        kind: dto.kind,
        name: dto.name,
        slug: await this.freeSlug(em, dto.slug, dto.name),
        description: dto.description ?? '',
        price: dto.price,
        unitCost: dto.unitCost ?? null,
        weightGrams: dto.weightGrams ?? 0,
        maxPerOrder: dto.maxPerOrder ?? null,
        status: 'DRAFT',
        makerGroupName: dto.makerGroupName ?? null,
        makerConsentId: null,
        foodPermitValidUntil: foodPermitValidUntil(dto.certificates ?? []),
        publishedAt: null,
        deletedAt: null,
      });
      product.facility = facility;
      if (dto.makerConsentId) product.makerConsentId = (await this.usableConsent(em, facility, dto.makerConsentId)).id;
      if (dto.status === 'PUBLISHED') this.publish(product);
      await em.save(product);
      // A new row starts at the column's default (0); its first stock is a movement like any other.
      const stock = dto.stock ? await this.stock.adjust(em, product.id, { set: dto.stock }, { actorId: user.id, note: 'initial stock' }) : null;
      await this.replaceCertificates(em, product.id, dto.certificates ?? []);
      await this.events.announce(em, product.id);
      await this.audit.record(em, user, {
        action: 'product.create',
        entityType: 'product',
        entityId: product.id,
        facilityId: facility.id,
        kanwilId: facility.kanwilId,
        before: null,
        after: { ...snapshot(product), stock: stock?.after ?? 0, certificates: auditedCertificates(dto.certificates ?? []) },
      });
      return this.view(em, product.id);
    });
  }

  async update(user: AuthUser, id: string, dto: UpdateProductDto): Promise<ProductAdminView> {
    return this.dataSource.transaction(async (em) => {
      const product = await this.products.findInScope(em, user, id, { lock: true });
      const facility = await this.facilities.findInScope(em, user, product.facilityId);
      // Certificates are kept in rows of their own: read them only when the edit may change them.
      const certificatesBefore = dto.certificates === undefined ? {} : { certificates: auditedCertificates(await em.findBy(ProductCertificate, { productId: product.id })) };
      const before = { ...snapshot(product), ...certificatesBefore };
      if (dto.category !== undefined) product.categoryId = (await this.category(em, dto.category)).id;
      if (dto.slug !== undefined && dto.slug !== product.slug) product.slug = await this.freeSlug(em, dto.slug, product.name);
      for (const field of ['program', 'kind', 'name', 'description', 'price', 'unitCost', 'weightGrams', 'maxPerOrder', 'makerGroupName'] as const) {
        if (dto[field] !== undefined) Object.assign(product, { [field]: dto[field] });
      }
      if (dto.makerConsentId !== undefined) {
        product.makerConsentId = dto.makerConsentId === null ? null : (await this.usableConsent(em, facility, dto.makerConsentId)).id;
      }
      if (dto.certificates !== undefined) product.foodPermitValidUntil = foodPermitValidUntil(dto.certificates);
      const status = dto.status ?? product.status;
      if (status === 'PUBLISHED') this.publish(product);
      else product.status = status;
      // Saved before the stock moves: save() writes what changed against the row as it reads it then.
      await em.save(product);
      const stock = dto.stock !== undefined ? await this.stock.adjust(em, product.id, { set: dto.stock }, { actorId: user.id, note: 'product edit' }) : null;
      if (dto.certificates !== undefined) await this.replaceCertificates(em, product.id, dto.certificates);
      await this.events.announce(em, product.id);
      await this.audit.record(em, user, {
        action: 'product.update',
        entityType: 'product',
        entityId: product.id,
        facilityId: facility.id,
        kanwilId: facility.kanwilId,
        before,
        after: { ...snapshot(product), ...(stock ? { stock: stock.after } : {}), ...(dto.certificates === undefined ? {} : { certificates: auditedCertificates(dto.certificates) }) },
      });
      return this.view(em, product.id);
    });
  }

  /** Soft delete: the row stays as a tombstone that partner mirrors can see; its slug stays taken. */
  async remove(user: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const product = await this.products.findInScope(em, user, id, { lock: true });
      const before = snapshot(product);
      product.deletedAt = new Date();
      await em.save(product);
      await this.events.announce(em, product.id, 'product.deleted');
      await this.audit.record(em, user, {
        action: 'product.delete',
        entityType: 'product',
        entityId: product.id,
        facilityId: product.facilityId,
        kanwilId: product.facility?.kanwilId ?? null,
        before,
        after: snapshot(product),
      });
    });
  }

  async stockMovements(user: AuthUser, id: string, page: PageQueryDto): Promise<Page<StockMovementView>> {
    const product = await this.products.findInScope(this.dataSource.manager, user, id, { includeDeleted: true });
    const qb = this.dataSource.getRepository(StockMovement).createQueryBuilder('m').where('m.product_id = :productId', { productId: product.id });
    const movements = await newestFirstPage(qb, page);
    return { data: movements.data.map(toStockMovementView), nextCursor: movements.nextCursor };
  }

  /** `{ set }` or `{ delta }`, under the row lock, never below zero. */
  async changeStock(user: AuthUser, id: string, dto: StockChangeDto): Promise<ProductAdminView> {
    if ((dto.set === undefined) === (dto.delta === undefined)) {
      throw new ValidationError('set', 'give exactly one of set and delta');
    }
    return this.dataSource.transaction(async (em) => {
      const product = await this.products.findInScope(em, user, id, { lock: true });
      const change = dto.set !== undefined ? { set: dto.set } : { delta: dto.delta ?? 0 };
      const moved = await this.stock.adjust(em, product.id, change, { actorId: user.id, note: dto.reason ?? null });
      if (!moved) throw new StockWouldGoNegative(product.stock, dto.delta ?? 0);
      await this.events.announce(em, product.id);
      await this.audit.record(em, user, {
        action: 'product.stock',
        entityType: 'product',
        entityId: product.id,
        facilityId: product.facilityId,
        kanwilId: product.facility?.kanwilId ?? null,
        before: { stock: moved.before },
        after: { stock: moved.after, ...(dto.reason ? { reason: dto.reason } : {}) },
      });
      return this.view(em, product.id);
    });
  }

  private publish(product: Product): void {
    if (!permitAllowsSale(product)) throw new FoodPermitRequired();
    product.status = 'PUBLISHED';
    product.publishedAt ??= new Date();
  }

  private async usableConsent(em: EntityManager, facility: Facility, consentId: string): Promise<MakerConsent> {
    if (facility.type === 'LPKA') throw new IndividualCreditRefusedAtLpka();
    const consent = await em.findOneBy(MakerConsent, { id: consentId });
    if (!consent || consent.facilityId !== facility.id) throw new ConsentNotUsable('no such consent record at this facility');
    if (consent.withdrawnAt) throw new ConsentNotUsable('it was withdrawn');
    if (!consent.scopes.includes('PRODUCT_CREDIT')) throw new ConsentNotUsable('it does not cover product credits');
    return consent;
  }

  private async category(em: EntityManager, slug: string): Promise<Category> {
    const category = await em.findOneBy(Category, { slug });
    if (!category) throw new CategoryNotFound(slug);
    return category;
  }

  /** An explicit slug must be free; a generated one gets a short suffix until it is. */
  private async freeSlug(em: EntityManager, explicit: string | undefined, name: string): Promise<string> {
    if (explicit !== undefined) {
      if (await em.existsBy(Product, { slug: explicit })) throw new ProductSlugTaken(explicit);
      return explicit;
    }
    const base = slugify(name) || 'produk';
    for (let candidate = base; ; candidate = `${base}-${Math.random().toString(36).slice(2, 6)}`) {
      if (!(await em.existsBy(Product, { slug: candidate }))) return candidate;
    }
  }

  private async replaceCertificates(em: EntityManager, productId: string, certificates: CertificateDto[]): Promise<void> {
    await em.delete(ProductCertificate, { productId });
    for (const certificate of certificates) {
      await em.insert(ProductCertificate, {
        productId,
        kind: certificate.kind,
        number: certificate.number,
        issuer: certificate.issuer,
        validUntil: certificate.validUntil ?? null,
      });
    }
  }

  private async view(em: EntityManager, id: string): Promise<ProductAdminView> {
    const product = await em.findOneByOrFail(Product, { id });
    const [loaded] = await this.loader.load(em, [product]);
    if (!loaded) throw new Error('Product vanished while loading its view');
    return this.toView(loaded);
  }

  private toView(loaded: LoadedProduct): ProductAdminView {
    return toProductAdminView(loaded, (hash) => this.media.urlsFor(hash), this.config.checkout.maxQuantityPerProduct, this.config.webBaseUrl);
  }
}

/**
 * Certificates as the audit log compares them: the form's fields, in one order. Their rows keep no
 * order of their own, and an edit that sends the same certificates again (the console sends the
 * whole form) changes nothing.
 */
function auditedCertificates(certificates: readonly Pick<CertificateDto, 'kind' | 'number' | 'issuer' | 'validUntil'>[]): Record<string, unknown>[] {
  const fields = certificates.map(({ kind, number, issuer, validUntil }) => ({ kind, number, issuer, validUntil: validUntil ?? null }));
  const key = (certificate: (typeof fields)[number]): string => JSON.stringify(certificate);
  return fields.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function snapshot(product: Product): Record<string, unknown> {
  const { facility: _f, category: _c, makerConsent: _m, images: _i, certificates: _ce, searchText: _st, searchVector: _sv, updatedAt: _u, createdAt: _cr, version: _v, ...fields } = product;
  return fields;
}
