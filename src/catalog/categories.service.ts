import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ConflictError, NotFoundError, ValidationError } from '../common/errors/domain-error.js';
import { slugify } from '../common/text/slug.js';
import { isForeignKeyViolation } from '../database/sql-errors.js';
import { Category } from './category.entity.js';
import { CategoryView, toCategoryView } from './category.views.js';
import type { CreateCategoryDto, UpdateCategoryDto } from './dto/category.dto.js';

/** The category tree: two levels, edited by superadmins only. */
@Injectable()
export class CategoriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Parents first, each followed by its children, in their positions. */
  async list(): Promise<CategoryView[]> {
    const rows = await this.dataSource.getRepository(Category).find({ order: { position: 'ASC', name: 'ASC' } });
    const bySlugOrder = (parentId: string | null): Category[] => rows.filter((c) => c.parentId === parentId);
    const parentSlug = new Map(rows.map((c) => [c.id, c.slug]));
    return bySlugOrder(null).flatMap((parent) => [parent, ...bySlugOrder(parent.id)]).map((c) => toCategoryView(c, c.parentId ? (parentSlug.get(c.parentId) ?? null) : null));
  }

  async create(user: AuthUser, dto: CreateCategoryDto): Promise<CategoryView> {
    return this.dataSource.transaction(async (em) => {
      const slug = dto.slug ?? slugify(dto.name);
      if (await em.existsBy(Category, { slug })) throw new ConflictError(`A category with the slug "${slug}" already exists`);
      const parent = dto.parentSlug ? await this.parent(em, dto.parentSlug) : null;
      const category = em.create(Category, { slug, name: dto.name, parentId: parent?.id ?? null, position: dto.position ?? 0 });
      await em.save(category);
      await this.audit.record(em, user, { action: 'category.create', entityType: 'category', entityId: category.id, before: null, after: { slug, name: dto.name, parentSlug: dto.parentSlug ?? null } });
      return toCategoryView(category, parent?.slug ?? null);
    });
  }

  async update(user: AuthUser, slug: string, dto: UpdateCategoryDto): Promise<CategoryView> {
    return this.dataSource.transaction(async (em) => {
      const category = await this.bySlug(em, slug);
      const before = { name: category.name, position: category.position };
      if (dto.name !== undefined) category.name = dto.name;
      if (dto.position !== undefined) category.position = dto.position;
      await em.save(category);
      await this.audit.record(em, user, { action: 'category.update', entityType: 'category', entityId: category.id, before, after: { name: category.name, position: category.position } });
      const parent = category.parentId ? await em.findOneBy(Category, { id: category.parentId }) : null;
      return toCategoryView(category, parent?.slug ?? null);
    });
  }

  /**
   * Only an empty leaf can go: products and children keep their category, and so do the order
   * lines sold in it (their foreign key refuses; reports group past sales by it).
   */
  async remove(user: AuthUser, slug: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const category = await this.bySlug(em, slug);
      const [{ children, products }] = await em.query<{ children: number; products: number }[]>(
        `SELECT (SELECT count(*)::int FROM category WHERE parent_id = $1) AS children,
                (SELECT count(*)::int FROM product WHERE category_id = $1) AS products`,
        [category.id],
      ) as [{ children: number; products: number }];
      if (children > 0 || products > 0) {
        throw new ConflictError(`The category still has ${children} subcategories and ${products} products`);
      }
      try {
        await em.delete(Category, { id: category.id });
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new ConflictError('The category has sales on record, which reports count under it; it can be renamed but not deleted');
        throw error;
      }
      await this.audit.record(em, user, { action: 'category.delete', entityType: 'category', entityId: category.id, before: { slug, name: category.name }, after: null });
    });
  }

  private async bySlug(em: EntityManager, slug: string): Promise<Category> {
    const category = await em.findOne(Category, { where: { slug }, lock: { mode: 'pessimistic_write' } });
    if (!category) throw new NotFoundError('Category');
    return category;
  }

  private async parent(em: EntityManager, slug: string): Promise<Category> {
    const parent = await em.findOneBy(Category, { slug });
    if (!parent) throw new ValidationError('parentSlug', 'is not a category');
    if (parent.parentId) throw new ValidationError('parentSlug', 'is itself a subcategory; the tree has two levels');
    return parent;
  }
}
