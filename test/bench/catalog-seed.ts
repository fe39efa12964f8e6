import type pg from 'pg';
import { DEMO_FACILITIES } from '../../src/facilities/data/demo-facilities.data.js';

/**
 * Product families per leaf category: believable names ("Kain Sasirangan Motif Gigi Haruan",
 * "Keripik Tempe Rasa Pedas") from a noun and a variant, with the kind, programme, price range and
 * weight such a product has.
 */
const TEMPLATES: readonly [category: string, kind: string, program: string, nouns: string[], variants: string[], minPrice: number, maxPrice: number, grams: number, weight: number][] = [
  ['anyaman', 'GOODS', 'PEMBINAAN_KEMANDIRIAN', ['Tas Anyaman Purun', 'Tikar Purun', 'Bakul Rotan', 'Topi Purun', 'Dompet Anyaman'], ['Motif Tampuk Manggis', 'Warna Alam', 'Ukuran Besar', 'Ukuran Kecil', 'Anyaman Halus'], 25_000, 250_000, 400, 6],
  ['miniatur-ukiran', 'GOODS', 'PEMBINAAN_KEMANDIRIAN', ['Miniatur Kapal Pinisi', 'Miniatur Rumah Banjar', 'Ukiran Kayu Ulin', 'Miniatur Jukung', 'Hiasan Dinding Ukir'], ['Kayu Jati', 'Kayu Ulin', 'Finishing Natural', 'Edisi Koleksi', 'Ukuran 40 cm'], 75_000, 900_000, 1_200, 3],
  ['perak-logam', 'GOODS', 'PEMBINAAN_KEMANDIRIAN', ['Cincin Perak', 'Gelang Perak', 'Bros Perak Filigri', 'Liontin Perak', 'Pisau Lipat Tempa'], ['Motif Naga', 'Motif Bunga', 'Ukir Tangan', 'Sepuh Emas', 'Polos'], 50_000, 750_000, 50, 2],
  ['gerabah', 'GOODS', 'PEMBINAAN_KEMANDIRIAN', ['Pot Gerabah', 'Vas Keramik', 'Cobek Tanah Liat', 'Celengan Gerabah', 'Piring Keramik'], ['Glasir Biru', 'Terakota', 'Motif Batik', 'Set Isi 3', 'Ukuran Sedang'], 15_000, 200_000, 1_500, 3],
  ['mebel', 'GOODS', 'PEMBINAAN_KEMANDIRIAN', ['Kursi Tamu Jati', 'Meja Makan Ulin', 'Lemari Pakaian', 'Rak Buku Kayu', 'Bangku Taman'], ['Set Lengkap', 'Finishing Melamin', 'Kayu Mahoni', 'Model Minimalis', 'Ukiran Jepara'], 450_000, 1_800_000, 25_000, 5],
  ['batik', 'GOODS', 'PEMBINAAN_KEMANDIRIAN', ['Kain Batik Tulis', 'Kain Batik Cap', 'Kemeja Batik', 'Selendang Batik', 'Daster Batik'], ['Motif Kawung', 'Motif Parang', 'Motif Mega Mendung', 'Pewarna Alam', 'Motif Truntum'], 85_000, 650_000, 300, 9],
  ['sasirangan', 'GOODS', 'PEMBINAAN_KEMANDIRIAN', ['Kain Sasirangan', 'Kemeja Sasirangan', 'Kerudung Sasirangan', 'Taplak Sasirangan', 'Syal Sasirangan'], ['Motif Gigi Haruan', 'Motif Kulat Karikit', 'Motif Bayam Raja', 'Motif Hiris Pudak', 'Warna Alam'], 75_000, 450_000, 300, 3],
  ['tenun-songket', 'GOODS', 'PEMBINAAN_KEMANDIRIAN', ['Kain Tenun Ikat', 'Songket Palembang', 'Sarung Tenun', 'Selendang Songket', 'Kain Tenun Sumba'], ['Benang Emas', 'Motif Pucuk Rebung', 'Motif Tradisional', 'Tenun Tangan', 'Warna Marun'], 150_000, 1_500_000, 400, 4],
  ['sepatu-sandal', 'GOODS', 'UMKM', ['Sandal Hotel', 'Sandal Kulit', 'Sepatu Pantofel', 'Sandal Jepit', 'Sepatu Sneakers'], ['Ukuran 40', 'Ukuran 42', 'Kulit Asli', 'Sol Karet', 'Warna Hitam'], 10_000, 350_000, 600, 5],
  ['konveksi', 'GOODS', 'UMKM', ['Kaos Sablon', 'Kemeja Seragam', 'Celana Kerja', 'Jaket Parasut', 'Kerudung Bordir'], ['Lengan Panjang', 'Lengan Pendek', 'Bordir Nama', 'Ukuran XL', 'Warna Navy'], 35_000, 250_000, 300, 9],
  ['roti-kue', 'FOOD', 'SAE', ['Roti Manis', 'Roti Sobek', 'Donat Kampung', 'Bolu Pandan', 'Kue Bingka'], ['Isi Cokelat', 'Isi Keju', 'Rasa Pandan', 'Paket Isi 6', 'Ukuran Keluarga'], 2_000, 75_000, 250, 8],
  ['keripik-camilan', 'FOOD', 'UMKM', ['Keripik Tempe', 'Keripik Pisang', 'Amplang Ikan', 'Rempeyek Kacang', 'Kerupuk Ikan Haruan'], ['Rasa Original', 'Rasa Pedas', 'Kemasan 250 g', 'Kemasan 500 g', 'Renyah Gurih'], 10_000, 60_000, 250, 9],
  ['kopi-teh', 'FOOD', 'SAE', ['Kopi Robusta', 'Kopi Arabika', 'Kopi Bubuk', 'Teh Herbal', 'Kopi Luwak Liar'], ['Pagar Alam', 'Biji Sangrai', 'Kemasan 200 g', 'Kemasan 1 kg', 'Giling Halus'], 25_000, 250_000, 250, 6],
  ['makanan-olahan', 'FOOD', 'UMKM', ['Telur Asin', 'Abon Ikan Lele', 'Sambal Bawang', 'Bakso Ikan', 'Nugget Lele'], ['Isi 10 Butir', 'Kemasan Botol', 'Pedas Manis', 'Frozen 500 g', 'Tanpa Pengawet'], 15_000, 120_000, 500, 6],
  ['ikan', 'FOOD', 'KETAHANAN_PANGAN', ['Ikan Lele Segar', 'Ikan Haruan', 'Ikan Nila', 'Ikan Patin', 'Bibit Lele'], ['Per Kilogram', 'Ukuran Konsumsi', 'Hasil Panen Kolam', 'Bersih Siap Masak', 'Paket 5 kg'], 20_000, 150_000, 1_000, 5],
  ['sayur-hidroponik', 'FOOD', 'KETAHANAN_PANGAN', ['Selada Hidroponik', 'Kangkung Segar', 'Sawi Pakcoy', 'Cabai Rawit', 'Bayam Hijau'], ['Per Ikat', 'Per Kilogram', 'Panen Pagi', 'Tanpa Pestisida', 'Paket Sayur'], 5_000, 40_000, 300, 5],
  ['buah', 'FOOD', 'KETAHANAN_PANGAN', ['Melon Golden', 'Semangka Merah', 'Pepaya California', 'Pisang Kepok', 'Jeruk Siam'], ['Per Buah', 'Per Kilogram', 'Manis Segar', 'Panen Kebun', 'Grade A'], 10_000, 90_000, 1_500, 3],
  ['telur-unggas', 'FOOD', 'KETAHANAN_PANGAN', ['Telur Ayam Kampung', 'Telur Bebek', 'Ayam Potong', 'Telur Puyuh', 'Ayam Kampung Hidup'], ['Isi 10', 'Isi 30', 'Per Ekor', 'Segar', 'Peternakan Lapas'], 15_000, 120_000, 800, 4],
  ['cuci-kendaraan', 'SERVICE', 'SAE', ['Cuci Mobil', 'Cuci Motor', 'Salon Mobil', 'Cuci Karpet', 'Poles Body'], ['Reguler', 'Premium', 'Plus Vakum', 'Paket Hemat', 'Hidrolik'], 15_000, 150_000, 0, 3],
  ['pangkas-rambut', 'SERVICE', 'SAE', ['Pangkas Rambut', 'Cukur Jenggot', 'Creambath', 'Potong Rambut Anak', 'Paket Rapi'], ['Pria', 'Anak', 'Plus Keramas', 'Model Klasik', 'Model Modern'], 10_000, 50_000, 0, 2],
  ['laundry', 'SERVICE', 'SAE', ['Laundry Kiloan', 'Cuci Setrika', 'Laundry Bed Cover', 'Setrika Saja', 'Cuci Sepatu'], ['Reguler 3 Hari', 'Kilat 1 Hari', 'Per Kilogram', 'Per Potong', 'Wangi Lembut'], 6_000, 60_000, 0, 3],
];

/** The demo's ~25 real facilities, in one statement. */
async function seedFacilities(client: pg.ClientBase): Promise<number> {
  const rows = DEMO_FACILITIES.map((f) => ({
    slug: f.slug, type: f.type, facility_class: f.facilityClass, kind: f.kind, name: f.name, short_name: f.shortName,
    province_code: f.provinceCode, city: f.city, address: f.address, postal_code: f.postalCode, description: f.description,
  }));
  const result = await client.query(
    `INSERT INTO facility (slug, type, facility_class, kind, name, short_name, province_code, kanwil_id, address, city, postal_code, description)
     SELECT r.slug, r.type::facility_type, r.facility_class::facility_class, r.kind::facility_kind, r.name, r.short_name, r.province_code,
            p.kanwil_id, r.address, r.city, r.postal_code, r.description
       FROM json_to_recordset($1::json) AS r(slug text, type text, facility_class text, kind text, name text, short_name text,
                                             province_code text, city text, address text, postal_code text, description text)
       JOIN province p ON p.code = r.province_code`,
    [JSON.stringify(rows)],
  );
  return result.rowCount ?? 0;
}

/**
 * How many products a facility lists, relative to the others: as nationally, the big class I and
 * IIA prisons run most workshops, remand centres and juvenile centres fewer, and probation offices
 * (Bapas) only a few, through the Griya Abhipraya programme for clients on parole.
 */
const FACILITY_WEIGHT_SQL = `CASE
    WHEN type = 'LAPAS' AND facility_class = 'I' THEN 12
    WHEN type = 'LAPAS' AND facility_class = 'IIA' THEN 8
    WHEN type = 'LAPAS' THEN 5
    WHEN type = 'RUTAN' THEN 3
    WHEN type = 'LPKA' THEN 2
    ELSE 1 END`;

/**
 * `count` products over the facilities (weighted by FACILITY_WEIGHT_SQL) and leaf categories
 * (weighted by how common the craft is: batik, clothing and snacks far more than silverwork), in
 * one INSERT ... SELECT generate_series. Names take a noun and a variant at random, a third carry
 * the facility's name. Bapas products belong to Griya Abhipraya. About 8% are not public (drafts,
 * archived, deleted, lapsed food permits), so the visibility filter has work to do; sales counts
 * are skewed like real ones; publication dates spread over two years. Each product gets one to
 * three photos; food gets a permit.
 */
async function seedProducts(client: pg.ClientBase, count: number): Promise<void> {
  await client.query(
    `WITH template(category_slug, kind, program, nouns, variants, min_price, max_price, grams, weight) AS (
       SELECT * FROM json_to_recordset($2::json) AS t(category_slug text, kind text, program text, nouns text[], variants text[],
                                                     min_price int, max_price int, grams int, weight int)
     ),
     t AS (SELECT template.*, c.id AS category_id, sum(weight) OVER (ORDER BY category_slug) - weight AS lo, sum(weight) OVER (ORDER BY category_slug) AS hi
             FROM template JOIN category c ON c.slug = template.category_slug),
     fw AS (SELECT id, short_name, type, ${FACILITY_WEIGHT_SQL} AS weight FROM facility),
     f AS (SELECT fw.*, sum(weight) OVER (ORDER BY id) - weight AS lo, sum(weight) OVER (ORDER BY id) AS hi FROM fw),
     g AS (SELECT i, hashint4(i) & 2147483647 AS h,
                  (hashint4(i + 1000003) & 2147483647) % (SELECT max(hi) FROM t) AS pick_t,
                  (hashint4(i + 2000003) & 2147483647) % (SELECT max(hi) FROM f) AS pick_f,
                  hashint4(i + 3000017) & 2147483647 AS h2
             FROM generate_series(1, $1::int) i)
     INSERT INTO product (facility_id, category_id, program, kind, name, slug, description, price, unit_cost, stock, weight_grams,
                          status, maker_group_name, food_permit_valid_until, sales_count, published_at, deleted_at, created_at, updated_at)
     SELECT f.id, t.category_id, (CASE WHEN f.type = 'BAPAS' THEN 'GRIYA_ABHIPRAYA' ELSE t.program END)::program, t.kind::product_kind,
            t.nouns[1 + g.h2 % 5] || ' ' || t.variants[1 + (g.h2 / 5) % 5] || CASE WHEN g.i % 3 = 0 THEN ' ' || f.short_name ELSE '' END,
            'produk-' || g.i,
            'Dibuat oleh warga binaan di bengkel kerja ' || f.short_name || '. ' || t.nouns[1 + g.h2 % 5] ||
              ' berkualitas, cocok untuk oleh-oleh dan hadiah. ' ||
              CASE WHEN g.i % 17 = 0 THEN 'Dikemas dengan kain batik sebagai hadiah.' ELSE 'Pesan sekarang, stok terbatas.' END,
            (t.min_price + g.h % (t.max_price - t.min_price)) / 1000 * 1000,
            (t.min_price + g.h % (t.max_price - t.min_price)) / 2000 * 1000,
            CASE WHEN g.i % 9 = 0 THEN 0 ELSE 1 + g.i % 50 END,
            t.grams,
            (CASE WHEN g.i % 25 = 0 THEN 'DRAFT' WHEN g.i % 41 = 0 THEN 'ARCHIVED' ELSE 'PUBLISHED' END)::product_status,
            CASE WHEN g.i % 11 = 0 THEN 'Kelompok Kerja ' || f.short_name END,
            CASE WHEN t.kind = 'FOOD' THEN CASE WHEN g.i % 29 = 0 THEN current_date - 10 ELSE current_date + 365 END END,
            (g.h % 1000) * (g.h % 1000) / 5000,
            CASE WHEN g.i % 25 <> 0 THEN now() - (g.h % (730 * 86400)) * interval '1 second' END,
            CASE WHEN g.i % 53 = 0 THEN now() END,
            now() - (g.h % (730 * 86400)) * interval '1 second', now() - (g.i % 3600) * interval '1 second'
       FROM g
       JOIN t ON g.pick_t >= t.lo AND g.pick_t < t.hi
       JOIN f ON g.pick_f >= f.lo AND g.pick_f < f.hi`,
    [
      count,
      JSON.stringify(
        TEMPLATES.map(([category, kind, program, nouns, variants, minPrice, maxPrice, grams, weight]) => ({
          category_slug: category, kind, program, nouns, variants, min_price: minPrice, max_price: maxPrice, grams, weight,
        })),
      ),
    ],
  );
  await client.query(
    `INSERT INTO product_image (product_id, content_hash, width, height, alt, position)
     SELECT p.id, encode(sha256(convert_to(p.id::text || '/' || n, 'UTF8')), 'hex'), 1200, 900, p.name, n
       FROM product p CROSS JOIN LATERAL generate_series(0, (hashint4(p.price + p.stock) & 7) % 3) n`,
  );
  await client.query(
    `INSERT INTO product_certificate (product_id, kind, number, issuer, valid_until)
     SELECT p.id, 'SPP_IRT'::certificate_kind, 'P-IRT ' || (2000000000000 + (hashint4(p.price) & 65535))::text, 'Dinas Kesehatan', p.food_permit_valid_until
       FROM product p WHERE p.kind = 'FOOD'
     UNION ALL
     SELECT p.id, 'HALAL'::certificate_kind, 'ID' || (hashint4(p.stock + p.price) & 1048575)::text, 'BPJPH', NULL
       FROM product p WHERE p.kind = 'FOOD' AND p.price % 3 = 0`,
  );
  // A pseudonym credit at every adult facility, used by a tenth of its products.
  await client.query(
    `WITH consent AS (
       INSERT INTO maker_consent (facility_id, display_name, name_kind, scopes, recorded_on, recorded_by_officer)
       SELECT id, 'Pak Kayu', 'PSEUDONYM', '{PRODUCT_CREDIT}', current_date - 30, 'NIP 197001012000031001' FROM facility WHERE type <> 'LPKA'
       RETURNING id, facility_id
     )
     UPDATE product p SET maker_consent_id = consent.id FROM consent WHERE consent.facility_id = p.facility_id AND p.sales_count % 10 = 1`,
  );
}

export interface SeedSummary {
  facilities: number;
  products: number;
  publicProducts: number;
  images: number;
}

export async function seedCatalog(client: pg.ClientBase, products: number): Promise<SeedSummary> {
  const facilities = await seedFacilities(client);
  await seedProducts(client, products);
  // What autovacuum would do soon after a bulk load: statistics, and GIN pending lists merged.
  await client.query('VACUUM ANALYZE');
  const [summary] = (
    await client.query<{ products: number; public_products: number; images: number }>(
      `SELECT (SELECT count(*) FROM product)::int AS products,
              (SELECT count(*) FROM product p JOIN facility f ON f.id = p.facility_id
                WHERE p.status = 'PUBLISHED' AND p.deleted_at IS NULL AND f.active
                  AND (p.kind <> 'FOOD' OR p.food_permit_valid_until >= current_date))::int AS public_products,
              (SELECT count(*) FROM product_image)::int AS images`,
    )
  ).rows;
  return { facilities, products: summary?.products ?? 0, publicProducts: summary?.public_products ?? 0, images: summary?.images ?? 0 };
}
