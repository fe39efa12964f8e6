import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Facility } from '../facilities/facility.entity.js';
import { CONSENT_NAME_KINDS, CONSENT_SCOPES, ConsentNameKind, ConsentScope } from './catalog.types.js';

/**
 * A maker's recorded consent to be credited by initials or a chosen pseudonym. Never a full
 * name, never an offence or sentence: there is no field for them. Withdrawal removes every
 * credit that used it.
 */
@Entity('maker_consent')
export class MakerConsent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('maker_consent_facility_idx')
  @Column({ type: 'uuid' })
  facilityId!: string;

  @ManyToOne(() => Facility, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'facility_id' })
  facility?: Relation<Facility>;

  /** "A.R." or a chosen pseudonym such as "Pak Kayu". */
  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'enum', enum: CONSENT_NAME_KINDS, enumName: 'consent_name_kind' })
  nameKind!: ConsentNameKind;

  /** What the maker agreed to: a credit on products, being featured in stories, or both. */
  @Column({ type: 'enum', enum: CONSENT_SCOPES, enumName: 'consent_scope', array: true })
  scopes!: ConsentScope[];

  @Column({ type: 'date' })
  recordedOn!: string;

  /** The officer who recorded the consent (name or NIP), not the maker. */
  @Column({ type: 'text' })
  recordedByOfficer!: string;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
