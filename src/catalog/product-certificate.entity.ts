import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { CERTIFICATE_KINDS, CertificateKind } from './catalog.types.js';
import { Product } from './product.entity.js';

/** A permit or certificate: SPP-IRT, BPOM MD/ML, halal (BPJPH), SNI ... */
@Entity('product_certificate')
@Index('product_certificate_product_idx', ['productId'])
export class ProductCertificate {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  productId!: string;

  @ManyToOne(() => Product, (product) => product.certificates, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id' })
  product?: Relation<Product>;

  @Column({ type: 'enum', enum: CERTIFICATE_KINDS, enumName: 'certificate_kind' })
  kind!: CertificateKind;

  @Column({ type: 'text' })
  number!: string;

  @Column({ type: 'text' })
  issuer!: string;

  /** Null: does not expire. */
  @Column({ type: 'date', nullable: true })
  validUntil!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
