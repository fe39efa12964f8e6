import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, UpdateDateColumn } from 'typeorm';
import { COURIERS, Courier } from '../facilities/facility.types.js';
import { Facility } from '../facilities/facility.entity.js';
import { DELIVERY_METHODS, DeliveryMethod, FULFILMENT_STATUSES, FulfilmentStatus } from './order.types.js';
import { Order } from './order.entity.js';

/** The part of an order one facility ships or hands over. */
@Entity('fulfilment')
@Index('fulfilment_order_idx', ['orderId'])
@Index('fulfilment_facility_idx', ['facilityId', 'createdAt'])
export class Fulfilment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  orderId!: string;

  @ManyToOne(() => Order, (order) => order.fulfilments, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order?: Relation<Order>;

  @Column({ type: 'uuid' })
  facilityId!: string;

  @ManyToOne(() => Facility, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'facility_id' })
  facility?: Relation<Facility>;

  @Column({ type: 'enum', enum: FULFILMENT_STATUSES, enumName: 'fulfilment_status', default: 'PENDING' })
  status!: FulfilmentStatus;

  @Column({ type: 'enum', enum: DELIVERY_METHODS, enumName: 'delivery_method' })
  deliveryMethod!: DeliveryMethod;

  /** Integer rupiah: base + per started kg from the facility's settings; 0 for pickup. */
  @Column({ type: 'integer' })
  shippingFee!: number;

  @Column({ type: 'integer' })
  totalWeightGrams!: number;

  @Column({ type: 'enum', enum: COURIERS, enumName: 'courier', nullable: true })
  courier!: Courier | null;

  /** The courier's tracking number (resi). */
  @Column({ type: 'text', nullable: true })
  trackingNumber!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  shippedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
