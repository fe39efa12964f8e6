import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { PROGRAMS, type Program } from '../catalog/catalog.types.js';
import { Category } from '../catalog/category.entity.js';
import { Product } from '../catalog/product.entity.js';
import { Fulfilment } from './fulfilment.entity.js';
import { Order } from './order.entity.js';

/**
 * A line of an order with the product's name, price, cost, programme and category as they were at
 * checkout: reports count a sale where it was made, whatever the product becomes later.
 */
@Entity('order_item')
@Index('order_item_order_idx', ['orderId'])
@Index('order_item_product_idx', ['productId'])
@Index('order_item_fulfilment_idx', ['fulfilmentId'])
@Index('order_item_category_idx', ['categoryId'])
@Check('order_item_quantity_range', '"quantity" BETWEEN 1 AND 999')
@Check('order_item_refunded_range', '"refunded_quantity" BETWEEN 0 AND "quantity"')
@Check('order_item_line_total', '"line_total" = "unit_price" * "quantity"')
export class OrderItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  orderId!: string;

  @ManyToOne(() => Order, (order) => order.items, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order?: Relation<Order>;

  @Column({ type: 'uuid' })
  fulfilmentId!: string;

  @ManyToOne(() => Fulfilment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'fulfilment_id' })
  fulfilment?: Relation<Fulfilment>;

  @Column({ type: 'uuid' })
  productId!: string;

  @ManyToOne(() => Product, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_id' })
  product?: Relation<Product>;

  @Column({ type: 'uuid' })
  facilityId!: string;

  @Column({ type: 'text' })
  productName!: string;

  @Column({ type: 'enum', enum: PROGRAMS, enumName: 'program' })
  program!: Program;

  @Column({ type: 'uuid' })
  categoryId!: string;

  /** Restrict: a category with sales on record stays, or the reports would lose the group. */
  @ManyToOne(() => Category, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id' })
  category?: Relation<Category>;

  /** Integer rupiah at checkout. */
  @Column({ type: 'integer' })
  unitPrice!: number;

  /** The product's unit cost at checkout, for the revenue split; null when the facility gave none. */
  @Column({ type: 'integer', nullable: true })
  unitCost!: number | null;

  @Column({ type: 'integer' })
  weightGrams!: number;

  @Column({ type: 'integer' })
  quantity!: number;

  @Column({ type: 'integer' })
  lineTotal!: number;

  @Column({ type: 'integer', default: 0 })
  refundedQuantity!: number;
}
