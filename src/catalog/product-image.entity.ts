import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Product } from './product.entity.js';

/** A photo of a product; its files (WebP variants) live in the media store under `contentHash`. */
@Entity('product_image')
@Index('product_image_product_position_idx', ['productId', 'position'])
@Index('product_image_content_hash_idx', ['contentHash'])
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
