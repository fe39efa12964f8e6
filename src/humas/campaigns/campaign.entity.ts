import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, UpdateDateColumn } from 'typeorm';
import { Facility } from '../../facilities/facility.entity.js';
import { Kanwil } from '../../facilities/kanwil.entity.js';
import { CAMPAIGN_GOALS, CAMPAIGN_SCOPES, type CampaignGoal, type CampaignScope } from './campaign.types.js';

/**
 * A Humas campaign of a facility, a regional office (Kanwil) or the nation. A facility's
 * campaign also names the facility's Kanwil, so a regional admin's reads are one filter.
 * Featured products and stories are plain id lists: a campaign shows them, it does not own them.
 */
@Entity('campaign')
@Index('campaign_created_idx', ['createdAt', 'id'])
@Index('campaign_kanwil_idx', ['kanwilId'])
@Index('campaign_facility_idx', ['facilityId'])
@Check('campaign_period', '"ends_on" >= "starts_on"')
@Check(
  'campaign_scope_matches',
  `("scope" = 'NATION' AND "facility_id" IS NULL AND "kanwil_id" IS NULL) OR ("scope" = 'KANWIL' AND "facility_id" IS NULL AND "kanwil_id" IS NOT NULL) OR ("scope" = 'FACILITY' AND "facility_id" IS NOT NULL AND "kanwil_id" IS NOT NULL)`,
)
export class Campaign {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** First and last day (WIB), inclusive. */
  @Column({ type: 'date' })
  startsOn!: string;

  @Column({ type: 'date' })
  endsOn!: string;

  @Column({ type: 'enum', enum: CAMPAIGN_GOALS, enumName: 'campaign_goal' })
  goal!: CampaignGoal;

  @Column({ type: 'enum', enum: CAMPAIGN_SCOPES, enumName: 'campaign_scope' })
  scope!: CampaignScope;

  @Column({ type: 'uuid', nullable: true })
  facilityId!: string | null;

  @ManyToOne(() => Facility, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'facility_id' })
  facility?: Relation<Facility>;

  @Column({ type: 'uuid', nullable: true })
  kanwilId!: string | null;

  @ManyToOne(() => Kanwil, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'kanwil_id' })
  kanwil?: Relation<Kanwil>;

  @Column({ type: 'uuid', array: true })
  productIds!: string[];

  @Column({ type: 'uuid', array: true })
  storyIds!: string[];

  /** The admin who created it. */
  @Column({ type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
