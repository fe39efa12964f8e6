import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data every installation needs: the 33 Kanwil, the 38 provinces (Kemendagri codes
 * after the 2022 Papua split; ISO 3166-2) and the national revenue-split rule of 1990.
 */
export class ReferenceRegions1795968699300 implements MigrationInterface {
  name = 'ReferenceRegions1795968699300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`INSERT INTO kanwil (code, name) VALUES
      ('aceh', 'Kanwil Ditjenpas Aceh'),
      ('sumut', 'Kanwil Ditjenpas Sumatera Utara'),
      ('sumbar', 'Kanwil Ditjenpas Sumatera Barat'),
      ('riau', 'Kanwil Ditjenpas Riau'),
      ('jambi', 'Kanwil Ditjenpas Jambi'),
      ('sumsel', 'Kanwil Ditjenpas Sumatera Selatan'),
      ('bengkulu', 'Kanwil Ditjenpas Bengkulu'),
      ('lampung', 'Kanwil Ditjenpas Lampung'),
      ('babel', 'Kanwil Ditjenpas Kepulauan Bangka Belitung'),
      ('kepri', 'Kanwil Ditjenpas Kepulauan Riau'),
      ('dki', 'Kanwil Ditjenpas DKI Jakarta'),
      ('jabar', 'Kanwil Ditjenpas Jawa Barat'),
      ('jateng', 'Kanwil Ditjenpas Jawa Tengah'),
      ('diy', 'Kanwil Ditjenpas Daerah Istimewa Yogyakarta'),
      ('jatim', 'Kanwil Ditjenpas Jawa Timur'),
      ('banten', 'Kanwil Ditjenpas Banten'),
      ('bali', 'Kanwil Ditjenpas Bali'),
      ('ntb', 'Kanwil Ditjenpas Nusa Tenggara Barat'),
      ('ntt', 'Kanwil Ditjenpas Nusa Tenggara Timur'),
      ('kalbar', 'Kanwil Ditjenpas Kalimantan Barat'),
      ('kalteng', 'Kanwil Ditjenpas Kalimantan Tengah'),
      ('kalsel', 'Kanwil Ditjenpas Kalimantan Selatan'),
      ('kaltim', 'Kanwil Ditjenpas Kalimantan Timur'),
      ('sulut', 'Kanwil Ditjenpas Sulawesi Utara'),
      ('sulteng', 'Kanwil Ditjenpas Sulawesi Tengah'),
      ('sulsel', 'Kanwil Ditjenpas Sulawesi Selatan'),
      ('sultra', 'Kanwil Ditjenpas Sulawesi Tenggara'),
      ('gorontalo', 'Kanwil Ditjenpas Gorontalo'),
      ('sulbar', 'Kanwil Ditjenpas Sulawesi Barat'),
      ('maluku', 'Kanwil Ditjenpas Maluku'),
      ('malut', 'Kanwil Ditjenpas Maluku Utara'),
      ('papua', 'Kanwil Ditjenpas Papua'),
      ('papua-barat', 'Kanwil Ditjenpas Papua Barat')`);
    await queryRunner.query(`INSERT INTO province (code, iso, name, kanwil_id)
      SELECT v.code, v.iso, v.name, k.id
        FROM (VALUES
      ('11', 'ID-AC', 'Aceh', 'aceh'),
      ('12', 'ID-SU', 'Sumatera Utara', 'sumut'),
      ('13', 'ID-SB', 'Sumatera Barat', 'sumbar'),
      ('14', 'ID-RI', 'Riau', 'riau'),
      ('15', 'ID-JA', 'Jambi', 'jambi'),
      ('16', 'ID-SS', 'Sumatera Selatan', 'sumsel'),
      ('17', 'ID-BE', 'Bengkulu', 'bengkulu'),
      ('18', 'ID-LA', 'Lampung', 'lampung'),
      ('19', 'ID-BB', 'Kepulauan Bangka Belitung', 'babel'),
      ('21', 'ID-KR', 'Kepulauan Riau', 'kepri'),
      ('31', 'ID-JK', 'DKI Jakarta', 'dki'),
      ('32', 'ID-JB', 'Jawa Barat', 'jabar'),
      ('33', 'ID-JT', 'Jawa Tengah', 'jateng'),
      ('34', 'ID-YO', 'Daerah Istimewa Yogyakarta', 'diy'),
      ('35', 'ID-JI', 'Jawa Timur', 'jatim'),
      ('36', 'ID-BT', 'Banten', 'banten'),
      ('51', 'ID-BA', 'Bali', 'bali'),
      ('52', 'ID-NB', 'Nusa Tenggara Barat', 'ntb'),
      ('53', 'ID-NT', 'Nusa Tenggara Timur', 'ntt'),
      ('61', 'ID-KB', 'Kalimantan Barat', 'kalbar'),
      ('62', 'ID-KT', 'Kalimantan Tengah', 'kalteng'),
      ('63', 'ID-KS', 'Kalimantan Selatan', 'kalsel'),
      ('64', 'ID-KI', 'Kalimantan Timur', 'kaltim'),
      ('65', 'ID-KU', 'Kalimantan Utara', 'kaltim'),
      ('71', 'ID-SA', 'Sulawesi Utara', 'sulut'),
      ('72', 'ID-ST', 'Sulawesi Tengah', 'sulteng'),
      ('73', 'ID-SN', 'Sulawesi Selatan', 'sulsel'),
      ('74', 'ID-SG', 'Sulawesi Tenggara', 'sultra'),
      ('75', 'ID-GO', 'Gorontalo', 'gorontalo'),
      ('76', 'ID-SR', 'Sulawesi Barat', 'sulbar'),
      ('81', 'ID-MA', 'Maluku', 'maluku'),
      ('82', 'ID-MU', 'Maluku Utara', 'malut'),
      ('91', 'ID-PA', 'Papua', 'papua'),
      ('92', 'ID-PB', 'Papua Barat', 'papua-barat'),
      ('93', 'ID-PS', 'Papua Selatan', 'papua'),
      ('94', 'ID-PT', 'Papua Tengah', 'papua'),
      ('95', 'ID-PE', 'Papua Pegunungan', 'papua'),
      ('96', 'ID-PD', 'Papua Barat Daya', 'papua-barat')
        ) AS v(code, iso, name, kanwil_code)
        JOIN kanwil k ON k.code = v.kanwil_code`);
    await queryRunner.query(
      `INSERT INTO revenue_split_rule (facility_id, effective_from, premi_percent, pnbp_percent, capital_percent, note)
       VALUES (NULL, '1990-01-01', 50, 15, 35, 'National standard: 50% premi, 15% PNBP, 35% working capital')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM revenue_split_rule WHERE facility_id IS NULL AND effective_from = '1990-01-01'`);
    await queryRunner.query('DELETE FROM province');
    await queryRunner.query('DELETE FROM kanwil');
  }
}
