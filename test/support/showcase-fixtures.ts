import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProductImage } from '../../src/catalog/product-image.entity';
import type { Product } from '../../src/catalog/product.entity';
import type { Program } from '../../src/catalog/catalog.types';
import type { Facility } from '../../src/facilities/facility.entity';
import { MediaService } from '../../src/media/media.service';
import { placeholderPhoto } from '../../src/seed/placeholder-photo';
import { Story } from '../../src/stories/story.entity';
import { makeProduct } from './catalog-factories';
import { makeFacility } from './factories';

export interface ShowcaseData {
  banjarmasin: Facility;
  batam: Facility;
  /** On sale, with two photos. */
  sasirangan: Product;
  story: Story;
  /** More products than one search page holds. */
  products: Product[];
}

interface Photo {
  contentHash: string;
  width: number;
  height: number;
}

/**
 * A small believable catalog for the showcase: two facilities in two provinces, 30 products over
 * the programmes (a few with real photos through the media pipeline, so pages have every WebP
 * variant), and one published story. The demo seed would take half a minute for its 150 photos.
 */
export async function makeShowcaseData(app: INestApplication, dataSource: DataSource): Promise<ShowcaseData> {
  const media = app.get(MediaService);
  const prepared = await media.prepareImages(
    await Promise.all([placeholderPhoto('Sasirangan', 20), placeholderPhoto('Sasirangan 2', 200, 600, 800), placeholderPhoto('Lele', 120), placeholderPhoto('Cerita', 40, 1200, 800)]),
  );
  const [cloth, clothBack, fish, cover] = (await media.writeImages(prepared)).images as [Photo, Photo, Photo, Photo];
  const banjarmasin = await makeFacility(dataSource, {
    slug: 'lapas-banjarmasin',
    name: 'Lapas Kelas IIA Banjarmasin',
    shortName: 'Lapas Banjarmasin',
    description: 'Bengkel kerja sasirangan, mebel, dan kolam lele.\n\nGerai terbuka setiap hari kerja.',
    outletName: 'Galeri Karya Lapas Banjarmasin',
    outletAddress: 'Jl. Brigjen H. Hasan Basri',
    outletOpeningHours: 'Senin-Jumat 08.00-15.00 WITA',
    pickupAvailable: true,
  });
  const batam = await makeFacility(dataSource, { slug: 'lapas-batam', name: 'Lapas Kelas IIA Batam', shortName: 'Lapas Batam', provinceCode: '21', city: 'Batam' });
  const withPhotos = async (product: Product, photos: Photo[]): Promise<Product> => {
    await dataSource.getRepository(ProductImage).save(
      photos.map((photo, position) => ({ productId: product.id, contentHash: photo.contentHash, width: photo.width, height: photo.height, alt: `${product.name}, foto ${position + 1}`, position })),
    );
    return product;
  };
  const sasirangan = await withPhotos(
    await makeProduct(dataSource, banjarmasin, {
      name: 'Kain Sasirangan Motif Gigi Haruan',
      categorySlug: 'sasirangan',
      price: 125_000,
      stock: 8,
      salesCount: 40,
      description: 'Kain **sasirangan** katun primisima 2 meter dengan motif klasik gigi haruan.\n\nDicelup tangan di bengkel kerja Lapas Banjarmasin.',
    }),
    [cloth, clothBack],
  );
  const products: Product[] = [sasirangan];
  const kinds: [string, string, Program, number, Photo | undefined][] = [
    ['Kemeja Sasirangan Pria', 'sasirangan', 'PEMBINAAN_KEMANDIRIAN', 185_000, clothBack],
    ['Lele Segar 1 kg', 'ikan', 'KETAHANAN_PANGAN', 28_000, fish],
    ['Ikan Haruan Segar 1 kg', 'ikan', 'KETAHANAN_PANGAN', 65_000, fish],
    ['Kopi Robusta Bubuk 250 g', 'kopi-teh', 'SAE', 45_000, undefined],
    ['Tas Purun Anyaman', 'anyaman', 'UMKM', 75_000, undefined],
  ];
  for (let index = 0; index < 29; index += 1) {
    const [name, categorySlug, program, price, photo] = kinds[index % kinds.length];
    const facility = index % 3 === 0 ? batam : banjarmasin;
    const kind = categorySlug === 'ikan' || categorySlug === 'kopi-teh' ? 'FOOD' : 'GOODS';
    const product = await makeProduct(dataSource, facility, {
      name: index < kinds.length ? name : `${name} ${index}`,
      categorySlug,
      program,
      kind,
      price: price + index * 1_000,
      salesCount: index,
      publishedAt: new Date(Date.now() - index * 60_000),
    });
    products.push(photo ? await withPhotos(product, [photo]) : product);
  }
  const story = await dataSource.getRepository(Story).save(
    dataSource.getRepository(Story).create({
      slug: 'pagi-di-bengkel-sasirangan',
      facilityId: banjarmasin.id,
      status: 'PUBLISHED',
      title: 'Pagi di bengkel sasirangan',
      excerpt: 'Setiap pagi, bengkel kerja Lapas Banjarmasin mulai mencelup kain.',
      markdown: 'Setiap pagi bengkel mulai mencelup kain.',
      html: '<p>Setiap pagi bengkel mulai <strong>mencelup</strong> kain.</p>',
      readingMinutes: 2,
      tags: ['sasirangan'],
      program: 'PEMBINAAN_KEMANDIRIAN',
      featuresIndividual: false,
      consentId: null,
      coverHash: cover.contentHash,
      coverWidth: cover.width,
      coverHeight: cover.height,
      coverAlt: 'Kain sasirangan dijemur',
      revision: null,
      rejectionReason: null,
      authorId: null,
      // 23.30 WIB on 5 December, already 6 December in Banjarmasin (WITA): pages date it there.
      publishedAt: new Date('2026-12-05T16:30:00Z'),
    }),
  );
  await dataSource.query('INSERT INTO story_product (story_id, product_id) VALUES ($1, $2)', [story.id, sasirangan.id]);
  return { banjarmasin, batam, sasirangan, story, products };
}
