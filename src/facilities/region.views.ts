import { ApiProperty } from '@nestjs/swagger';
import type { KanwilSummary } from './regions.service.js';

export class ProvinceView {
  @ApiProperty({ example: '63', description: 'Kemendagri code' }) code!: string;
  @ApiProperty({ example: 'ID-KS', description: 'ISO 3166-2' }) iso!: string;
  @ApiProperty({ example: 'Kalimantan Selatan' }) name!: string;
  @ApiProperty({ description: 'Active facilities in the province' }) facilityCount!: number;
}

export class RegionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'kalsel', description: 'Kanwil code; also accepted as the `region` filter' }) code!: string;
  @ApiProperty({ example: 'Kanwil Ditjenpas Kalimantan Selatan' }) name!: string;
  @ApiProperty({ description: 'Active facilities in all its provinces' }) facilityCount!: number;
  @ApiProperty({ type: [ProvinceView] }) provinces!: ProvinceView[];
}

export class RegionListView {
  @ApiProperty({ type: [RegionView] }) data!: RegionView[];
  @ApiProperty({ type: 'string', nullable: true, description: 'Always null: the list is complete' }) nextCursor!: null;
}

export function toRegionView(kanwil: KanwilSummary): RegionView {
  return {
    id: kanwil.id,
    code: kanwil.code,
    name: kanwil.name,
    facilityCount: kanwil.facilityCount,
    provinces: kanwil.provinces.map((p) => ({ code: p.code, iso: p.iso, name: p.name, facilityCount: p.facilityCount })),
  };
}
