import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Campaign } from '../campaigns/campaign.entity.js';
import { LINK_TARGETS, type LinkTarget, SHARE_CHANNELS, type ShareChannel } from '../campaigns/campaign.types.js';

/**
 * A tracked share link: `/s/{code}` opens the target page with `?k={code}`. Clicks are counted
 * per day in `link_click_daily` (no entity: written only by the click counter's batch upsert).
 */
@Entity('share_link')
@Index('share_link_campaign_idx', ['campaignId', 'createdAt'])
export class ShareLink {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  campaignId!: string;

  @ManyToOne(() => Campaign, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: Relation<Campaign>;

  @Column({ type: 'enum', enum: SHARE_CHANNELS, enumName: 'share_channel' })
  channel!: ShareChannel;

  /** Seven characters without look-alikes (link-code.ts); what orders remember as their touch. */
  @Index('share_link_code_key', { unique: true })
  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'enum', enum: LINK_TARGETS, enumName: 'share_link_target' })
  targetKind!: LinkTarget;

  /** The product, story or facility; null for the home page. Resolved to its slug at each redirect. */
  @Column({ type: 'uuid', nullable: true })
  targetId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
