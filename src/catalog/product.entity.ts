import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Facility } from '../facilities/facility.entity.js';
import { PRODUCT_KINDS, PRODUCT_STATUSES, PROGRAMS, ProductKind, ProductStatus, Program } from './catalog.types.js';
import { Category } from './category.entity.js';
import { MakerConsent } from './maker-consent.entity.js';
import { ProductCertificate } from './product-certificate.entity.js';
import { ProductImage } from './product-image.entity.js';

/**
 * Something a facility's workshop, farm or bakery makes. Deleting sets `deletedAt` (a tombstone
 * partner mirrors can see); the row stays.
 *
 * Search and listing indexes live in the migrations (named there, `synchronize: false` here),
 * together with the triggers that keep `searchVector`, `searchText` and the typo search's word
 * tables (search_word, product_search_word: CatalogSearchWords migration) current.
 */
@Entity('product')
@Index('product_public_newest_idx', { synchronize: false })
@Index('product_public_price_idx', { synchronize: false })
@Index('product_public_popular_idx', { synchronize: false })
@Index('product_public_facility_idx', { synchronize: false })
@Index('product_public_category_idx', { synchronize: false })
@Index('product_search_vector_idx', { synchronize: false })
@Index('product_changes_idx', { synchronize: false })
@Check('product_price_non_negative', '"price" >= 0')
@Check('product_unit_cost_non_negative', '"unit_cost" IS NULL OR "unit_cost" >= 0')
@Check('product_stock_non_negative', '"stock" >= 0')
@Check('product_weight_non_negative', '"weight_grams" >= 0')
@Check('product_max_per_order_positive', '"max_per_order" IS NULL OR "max_per_order" >= 1')
export class Product {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  facilityId!: string;

  @ManyToOne(() => Facility, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'facility_id' })
  facility?: Relation<Facility>;

  @Column({ type: 'uuid' })
  categoryId!: string;

  @ManyToOne(() => Category, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id' })
  category?: Relation<Category>;

  @Column({ type: 'enum', enum: PROGRAMS, enumName: 'program' })
  program!: Program;

  @Column({ type: 'enum', enum: PRODUCT_KINDS, enumName: 'product_kind' })
  kind!: ProductKind;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', unique: true })
  slug!: string;

  /** Markdown source. */
  @Column({ type: 'text', default: '' })
  description!: string;

  /** Integer rupiah. */
  @Column({ type: 'integer' })
  price!: number;

  /** Integer rupiah per unit; admin-only, feeds the revenue split. */
  @Column({ type: 'integer', nullable: true })
  unitCost!: number | null;

  @Column({ type: 'integer', default: 0 })
  stock!: number;

  @Column({ type: 'integer', default: 0 })
  weightGrams!: number;

  /**
   * Most units of this product one order may take; null means the ORDER_MAX_QUANTITY_PER_PRODUCT
   * default. Keeps one checkout from holding a whole workshop's stock; bigger buyers are sent to
   * the facility (wholesale).
   */
  @Column({ type: 'integer', nullable: true })
  maxPerOrder!: number | null;

  @Column({ type: 'enum', enum: PRODUCT_STATUSES, enumName: 'product_status', default: 'DRAFT' })
  status!: ProductStatus;

  /** Group credit shown by default, e.g. "Bengkel kerja Lapas Banjarmasin". */
  @Column({ type: 'text', nullable: true })
  makerGroupName!: string | null;

  /** An individual credit, only through a consent record (never at an LPKA). */
  @Column({ type: 'uuid', nullable: true })
  makerConsentId!: string | null;

  @ManyToOne(() => MakerConsent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'maker_consent_id' })
  makerConsent?: Relation<MakerConsent>;

  /**
   * Latest expiry among the product's valid food permits (SPP-IRT, BPOM); null when it has none.
   * Kept by the service so public lists can hide FOOD whose permit lapsed with a plain comparison.
   */
  @Column({ type: 'date', nullable: true })
  foodPermitValidUntil!: string | null;

  /** Units sold in paid orders; orders keep it current. Drives the `popular` sort. */
  @Column({ type: 'integer', default: 0 })
  salesCount!: number;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  /** Maintained by the product_search_refresh trigger. */
  @Column({ type: 'tsvector', select: false, nullable: true, insert: false, update: false })
  searchVector?: string;

  /** Lower-cased name, category and facility: the words the typo search knows (trigger-maintained). */
  @Column({ type: 'text', select: false, nullable: true, insert: false, update: false })
  searchText?: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** Bumped on every change to the product, its images or certificates: drives ETags and mirroring. */
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ default: 1 })
  version!: number;

  @OneToMany(() => ProductImage, (image) => image.product)
  images?: Relation<ProductImage>[];

  @OneToMany(() => ProductCertificate, (certificate) => certificate.product)
  certificates?: Relation<ProductCertificate>[];
}
