import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { MakerConsent } from '../catalog/maker-consent.entity.js';
import { Product } from '../catalog/product.entity.js';
import { PROGRAMS, type Program } from '../catalog/catalog.types.js';
import { Facility } from '../facilities/facility.entity.js';
import { STORY_STATUSES, type StoryStatus } from './story.types.js';
import type { StoryRevision } from './story-revision.js';

/**
 * A story about a facility's work: a programme, a harvest, a workshop, sometimes one maker (named
 * by initials or pseudonym, with consent). The columns are the version the public sees once
 * published; a later edit waits in `revision` until it is approved.
 */
@Entity('story')
@Index('story_public_feed_idx', ['publishedAt', 'id'], { where: `status = 'PUBLISHED'` })
@Index('story_facility_idx', ['facilityId', 'status'])
@Index('story_tags_idx', { synchronize: false })
export class Story {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('story_slug_uq', { unique: true })
  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'uuid' })
  facilityId!: string;

  @ManyToOne(() => Facility, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'facility_id' })
  facility?: Relation<Facility>;

  @Column({ type: 'enum', enum: STORY_STATUSES, enumName: 'story_status', default: 'DRAFT' })
  status!: StoryStatus;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: '' })
  excerpt!: string;

  /** The author's source, returned as written. */
  @Column({ type: 'text' })
  markdown!: string;

  /** Rendered from `markdown` on save and sanitised; the only HTML ever served. */
  @Column({ type: 'text' })
  html!: string;

  @Column({ type: 'integer' })
  readingMinutes!: number;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  tags!: string[];

  @Column({ type: 'enum', enum: PROGRAMS, enumName: 'program', nullable: true })
  program!: Program | null;

  /** True when the story is about one maker; then a STORY-scope consent is required to publish. */
  @Column({ type: 'boolean', default: false })
  featuresIndividual!: boolean;

  @Index('story_consent_idx')
  @Column({ type: 'uuid', nullable: true })
  consentId!: string | null;

  @ManyToOne(() => MakerConsent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consent_id' })
  consent?: Relation<MakerConsent>;

  /** Cover photo in the media store (same pipeline as product photos); null until one is uploaded. */
  @Column({ type: 'text', nullable: true })
  coverHash!: string | null;

  @Column({ type: 'integer', nullable: true })
  coverWidth!: number | null;

  @Column({ type: 'integer', nullable: true })
  coverHeight!: number | null;

  @Column({ type: 'text', default: '' })
  coverAlt!: string;

  @ManyToMany(() => Product)
  @JoinTable({ name: 'story_product', joinColumn: { name: 'story_id' }, inverseJoinColumn: { name: 'product_id' } })
  products?: Relation<Product>[];

  /** Pending edit of a published story (its own draft/review cycle); null when there is none. */
  @Column({ type: 'jsonb', nullable: true })
  revision!: StoryRevision | null;

  /** Why review sent the story (or its revision) back; shown to the author, cleared on resubmission. */
  @Column({ type: 'text', nullable: true })
  rejectionReason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  authorId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
