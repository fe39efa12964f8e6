import { Column, Entity, OneToMany, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Province } from './province.entity.js';

/** A regional office (Kantor Wilayah) of the Directorate General; covers one or more provinces. */
@Entity('kanwil')
export class Kanwil {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Short stable slug used in URLs and filters, e.g. `kalsel`. */
  @Column({ type: 'text', unique: true })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @OneToMany(() => Province, (province) => province.kanwil)
  provinces?: Relation<Province>[];
}
