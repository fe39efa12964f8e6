import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Kanwil } from './kanwil.entity.js';
import { Province } from './province.entity.js';
import { COURIERS, Courier, FACILITY_CLASSES, FACILITY_KINDS, FACILITY_TYPES, FacilityClass, FacilityKind, FacilityType } from './facility.types.js';

/** A correctional unit (UPT): a Lapas, Rutan, LPKA or Bapas. */
@Entity('facility')
@Index('facility_public_list_idx', ['name', 'id'], { where: 'active' })
@Check('facility_shipping_fees_non_negative', '"shipping_base_fee" >= 0 AND "shipping_per_kg_fee" >= 0')
@Check('facility_latitude_range', '"latitude" IS NULL OR "latitude" BETWEEN -90 AND 90')
@Check('facility_longitude_range', '"longitude" IS NULL OR "longitude" BETWEEN -180 AND 180')
export class Facility {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  slug!: string;

  @Column({ type: 'enum', enum: FACILITY_TYPES, enumName: 'facility_type' })
  type!: FacilityType;

  @Column({ type: 'enum', enum: FACILITY_CLASSES, enumName: 'facility_class' })
  facilityClass!: FacilityClass;

  @Column({ type: 'enum', enum: FACILITY_KINDS, enumName: 'facility_kind', default: 'UMUM' })
  kind!: FacilityKind;

  /** Display name as used in practice: "Lapas Kelas IIA Banjarmasin". */
  @Column({ type: 'text' })
  name!: string;

  /** "Lapas Banjarmasin". */
  @Column({ type: 'text' })
  shortName!: string;

  @Index('facility_province_idx')
  @Column({ type: 'text' })
  provinceCode!: string;

  @ManyToOne(() => Province, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'province_code' })
  province?: Relation<Province>;

  /** Follows from the province; stored so scope checks and region filters need no join. */
  @Index('facility_kanwil_idx')
  @Column({ type: 'uuid' })
  kanwilId!: string;

  @ManyToOne(() => Kanwil, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'kanwil_id' })
  kanwil?: Relation<Kanwil>;

  @Column({ type: 'text' })
  address!: string;

  @Column({ type: 'text' })
  city!: string;

  @Column({ type: 'text', nullable: true })
  postalCode!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'double precision', nullable: true })
  latitude!: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude!: number | null;

  /** Showroom or SAE outlet where shoppers can see and pick up goods. */
  @Column({ type: 'text', nullable: true })
  outletName!: string | null;

  @Column({ type: 'text', nullable: true })
  outletAddress!: string | null;

  @Column({ type: 'text', nullable: true })
  outletOpeningHours!: string | null;

  @Column({ type: 'boolean', default: false })
  pickupAvailable!: boolean;

  /** Integer rupiah per shipment. */
  @Column({ type: 'integer', default: 0 })
  shippingBaseFee!: number;

  /** Integer rupiah per started kilogram. */
  @Column({ type: 'integer', default: 0 })
  shippingPerKgFee!: number;

  @Column({ type: 'enum', enum: COURIERS, enumName: 'courier', array: true, default: '{}' })
  couriers!: Courier[];

  /** Perishables and services may be delivered locally instead of picked up. */
  @Column({ type: 'boolean', default: false })
  localDelivery!: boolean;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ default: 1 })
  version!: number;
}
