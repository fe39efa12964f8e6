import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation, UpdateDateColumn } from 'typeorm';
import { Facility } from './facility.entity.js';
import { SHIPPING_ROUTES, ShippingRoute } from './facility.types.js';

/**
 * Where a facility delivers by one shipping route: the whole country (`provinceCodes` null) or the
 * listed provinces (Kemendagri codes, checked against `province` when set). A route without a row
 * has its default zone (delivery-zones.ts).
 */
@Entity('facility_delivery_zone')
export class DeliveryZone {
  @PrimaryColumn({ type: 'uuid' })
  facilityId!: string;

  @ManyToOne(() => Facility, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'facility_id' })
  facility?: Relation<Facility>;

  @PrimaryColumn({ type: 'enum', enum: SHIPPING_ROUTES, enumName: 'shipping_route' })
  route!: ShippingRoute;

  @Column({ type: 'text', array: true, nullable: true })
  provinceCodes!: string[] | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
