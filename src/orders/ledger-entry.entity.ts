import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { PROGRAMS, type Program } from '../catalog/catalog.types.js';

export const LEDGER_KINDS = ['SALE', 'REFUND'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/**
 * The revenue split of one paid order line (SALE) or of a refund of it (REFUND, negative amounts),
 * under the facility's rule in force when it was paid. Reports sum these; they are never edited.
 */
@Entity('ledger_entry')
@Index('ledger_entry_facility_idx', ['facilityId', 'createdAt'])
@Index('ledger_entry_order_idx', ['orderId'])
@Index('ledger_entry_created_idx', ['createdAt'])
@Index('ledger_entry_sale_uq', ['orderItemId'], { unique: true, where: `"kind" = 'SALE'` })
export class LedgerEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'enum', enum: LEDGER_KINDS, enumName: 'ledger_kind' })
  kind!: LedgerKind;

  @Column({ type: 'uuid' })
  orderId!: string;

  @Column({ type: 'uuid' })
  orderItemId!: string;

  @Column({ type: 'uuid' })
  facilityId!: string;

  @Column({ type: 'uuid' })
  productId!: string;

  /**
   * The order line's programme and category (as sold), copied like the facility and product so
   * reports group by them from the ledger alone, without joining a table as large as itself.
   */
  @Column({ type: 'enum', enum: PROGRAMS, enumName: 'program' })
  program!: Program;

  @Column({ type: 'uuid' })
  categoryId!: string;

  @Column({ type: 'integer' })
  quantity!: number;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  gross!: number;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  cost!: number;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  profit!: number;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  premi!: number;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  pnbp!: number;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  capital!: number;

  /** The split rule applied (facility or national). */
  @Column({ type: 'uuid' })
  splitRuleId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
