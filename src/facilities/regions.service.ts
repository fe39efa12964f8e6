import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnknownRegion } from './facility.errors.js';

export interface ProvinceSummary {
  code: string;
  iso: string;
  name: string;
  facilityCount: number;
}

export interface KanwilSummary {
  id: string;
  code: string;
  name: string;
  facilityCount: number;
  provinces: ProvinceSummary[];
}

/** Which facilities a `region` filter means: one province, or every province of a Kanwil. */
export type RegionFilter = { provinceCode: string } | { kanwilId: string };

@Injectable()
export class RegionsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Every Kanwil with its provinces and how many active facilities each has. One query. */
  async list(): Promise<KanwilSummary[]> {
    const rows = await this.dataSource.query<
      { kanwil_id: string; kanwil_code: string; kanwil_name: string; code: string; iso: string; name: string; facility_count: number }[]
    >(
      `SELECT k.id AS kanwil_id, k.code AS kanwil_code, k.name AS kanwil_name,
              p.code, p.iso, p.name,
              (SELECT count(*)::int FROM facility f WHERE f.province_code = p.code AND f.active) AS facility_count
         FROM kanwil k
         JOIN province p ON p.kanwil_id = k.id
        ORDER BY k.code, p.code`,
    );
    const byKanwil = new Map<string, KanwilSummary>();
    for (const row of rows) {
      const kanwil = byKanwil.get(row.kanwil_id) ?? {
        id: row.kanwil_id,
        code: row.kanwil_code,
        name: row.kanwil_name,
        facilityCount: 0,
        provinces: [],
      };
      kanwil.provinces.push({ code: row.code, iso: row.iso, name: row.name, facilityCount: row.facility_count });
      kanwil.facilityCount += row.facility_count;
      byKanwil.set(row.kanwil_id, kanwil);
    }
    return [...byKanwil.values()].sort((a, b) => (a.provinces[0]?.code ?? '').localeCompare(b.provinces[0]?.code ?? ''));
  }

  /** Accepts a Kemendagri code (`63`), an ISO code (`ID-KS`) or a Kanwil code (`kalsel`). */
  async resolve(region: string): Promise<RegionFilter> {
    const value = region.trim();
    if (/^\d{2}$/.test(value) || /^ID-[A-Za-z]{2}$/.test(value)) {
      const [province] = await this.dataSource.query<{ code: string }[]>(
        'SELECT code FROM province WHERE code = $1 OR iso = upper($1)',
        [value],
      );
      if (province) return { provinceCode: province.code };
    } else {
      const [kanwil] = await this.dataSource.query<{ id: string }[]>('SELECT id FROM kanwil WHERE code = lower($1)', [value]);
      if (kanwil) return { kanwilId: kanwil.id };
    }
    throw new UnknownRegion(value);
  }

  async kanwilOfProvince(provinceCode: string): Promise<string | null> {
    const [row] = await this.dataSource.query<{ kanwil_id: string }[]>('SELECT kanwil_id FROM province WHERE code = $1', [
      provinceCode,
    ]);
    return row?.kanwil_id ?? null;
  }

  async kanwilExists(kanwilId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>('SELECT 1 FROM kanwil WHERE id = $1', [kanwilId]);
    return rows.length > 0;
  }
}
