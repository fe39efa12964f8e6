import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { Kanwil } from './kanwil.entity.js';

@Entity('province')
export class Province {
  /** Kemendagri code, e.g. `63` for Kalimantan Selatan. */
  @PrimaryColumn({ type: 'text' })
  code!: string;

  /** ISO 3166-2 code, e.g. `ID-KS`. */
  @Column({ type: 'text', unique: true })
  iso!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'uuid' })
  kanwilId!: string;

  @ManyToOne(() => Kanwil, (kanwil) => kanwil.provinces, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'kanwil_id' })
  kanwil?: Relation<Kanwil>;
}
