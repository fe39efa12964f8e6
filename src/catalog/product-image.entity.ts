import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Product } from './product.entity.js';

/** A photo of a product; its files (WebP variants) live in the media store under `contentHash`. */
@Entity('product_image')
@Index('product_image_product_position_idx', ['productId', 'position'])
@Index('product_image_content_hash_idx', ['contentHash'])
@Index('product_image_upload_key_idx', ['productId', 'uploadKey'], { where: '"upload_key" IS NOT NULL' })
export class ProductImage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  productId!: string;

  @ManyToOne(() => Product, (product) => product.images, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id' })
  product?: Relation<Product>;

  /** SHA-256 of the cleaned image: names its files, so they can be cached forever. */
  @Column({ type: 'text' })
  contentHash!: string;

  /** Of the largest variant. */
  @Column({ type: 'integer' })
  width!: number;

  @Column({ type: 'integer' })
  height!: number;

  @Column({ type: 'text', default: '' })
  alt!: string;

  @Column({ type: 'integer', default: 0 })
  position!: number;

  /**
   * The Idempotency-Key of the upload that created this row: a retry with the same key answers
   * with these rows instead of adding the photos again (a phone on mobile data often loses the
   * answer, not the request).
   */
  @Column({ type: 'text', nullable: true })
  uploadKey!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
