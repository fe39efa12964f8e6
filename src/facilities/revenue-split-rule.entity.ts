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
} from 'typeorm';
import { Facility } from './facility.entity.js';

/**
 * How production profit is split from `effectiveFrom` on. A rule without a facility is the
 * national default (50% premi / 15% PNBP / 35% working capital since 1990); a facility's own
 * rule overrides it. Rules are never edited, only superseded, so past sales keep their rule.
 */
@Entity('revenue_split_rule')
@Index('revenue_split_rule_facility_from_uq', ['facilityId', 'effectiveFrom'], { unique: true, where: '"facility_id" IS NOT NULL' })
@Index('revenue_split_rule_national_from_uq', ['effectiveFrom'], { unique: true, where: '"facility_id" IS NULL' })
@Check('revenue_split_rule_sums_to_100', '"premi_percent" + "pnbp_percent" + "capital_percent" = 100')
@Check('revenue_split_rule_non_negative', '"premi_percent" >= 0 AND "pnbp_percent" >= 0 AND "capital_percent" >= 0')
export class RevenueSplitRule {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  facilityId!: string | null;

  @ManyToOne(() => Facility, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'facility_id' })
  facility?: Relation<Facility>;

  @Column({ type: 'date' })
  effectiveFrom!: string;

  @Column({ type: 'smallint' })
  premiPercent!: number;

  @Column({ type: 'smallint' })
  pnbpPercent!: number;

  @Column({ type: 'smallint' })
  capitalPercent!: number;

  @Column({ type: 'text', default: '' })
  note!: string;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
