import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { STOCK_MOVEMENT_REASONS, StockMovementReason } from './catalog.types.js';
import { Product } from './product.entity.js';

/**
 * One change to a product's stock (or its sold count), written by the stock port in the same
 * statement as the change: the stock a product has is the sum of its movements' `delta`.
 * Modelled on Vendure's stock movements; `orderId` is a plain reference, since orders sit above
 * the catalog and the catalog's tables know nothing of theirs.
 */
@Entity('stock_movement')
@Index('stock_movement_product_idx', ['productId', 'createdAt'])
@Check('stock_movement_quantity_non_negative', '"quantity" >= 0')
export class StockMovement {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  productId!: string;

  @ManyToOne(() => Product, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id' })
  product?: Relation<Product>;

  /** Change of the available stock: -3 for a reservation of three, 0 for a sale (the units were already reserved). */
  @Column({ type: 'integer' })
  delta!: number;

  /** Units concerned, always positive or zero (a sale of three: delta 0, quantity 3). */
  @Column({ type: 'integer' })
  quantity!: number;

  @Column({ type: 'enum', enum: STOCK_MOVEMENT_REASONS, enumName: 'stock_movement_reason' })
  reason!: StockMovementReason;

  @Column({ type: 'uuid', nullable: true })
  orderId!: string | null;

  /** The admin who made the change; null for shoppers, partners and the system. */
  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  /** The admin's words for an adjustment ("harvest 12 Nov", "stock count"). */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
