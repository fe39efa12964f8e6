import type { Program } from '../../catalog/catalog.types.js';
import type { ProductAvailability } from '../../catalog/catalog.types.js';

/**
 * Every text the Indonesian site shows, in one place for a person to review (WEB.md "Writing
 * Indonesian"). The English catalogue must have the same keys (messages.en.ts is typed by this one).
 */
export const MESSAGES_ID = {
  siteName: 'Etalase Pemasyarakatan',
  siteTagline: 'Hasil karya warga binaan dari seluruh Indonesia',
  siteDescription:
    'Belanja hasil karya warga binaan Lapas, Rutan, LPKA dan Bapas di seluruh Indonesia: kerajinan, pangan, dan jasa dari program pembinaan kemandirian.',
  skipToContent: 'Langsung ke isi',
  nav: { home: 'Beranda', search: 'Cari produk', programmes: 'Program', stories: 'Cerita' },
  languageSwitch: 'English',
  languageSwitchLabel: 'Read this page in English',
  searchLabel: 'Cari produk',
  searchPlaceholder: 'Contoh: batik, kopi, sasirangan',
  searchButton: 'Cari',
  breadcrumbHome: 'Beranda',
  home: {
    title: 'Etalase Pemasyarakatan: hasil karya warga binaan',
    heading: 'Hasil karya warga binaan, untuk Anda',
    intro:
      'Setiap pembelian mendukung pembinaan kemandirian warga binaan dan memberi premi bagi para pembuatnya. Temukan kerajinan, pangan, dan jasa dari unit pelaksana teknis pemasyarakatan di seluruh Indonesia.',
    impactHeading: 'Dampak bersama',
    impact: {
      itemsSold: 'produk terjual',
      premiPaid: 'premi dibayarkan kepada pembuat',
      foodKgSold: 'kg hasil ketahanan pangan terjual',
      products: 'produk tersedia',
      facilities: 'unit pelaksana teknis',
      storiesPublished: 'cerita dibagikan',
    },
    programmesHeading: 'Program pembinaan',
    featuredHeading: 'Produk pilihan',
    storiesHeading: 'Cerita terbaru',
    facilitiesHeading: 'Unit per provinsi',
    seeAllProducts: 'Lihat semua produk',
  },
  programmes: {
    UMKM: { name: 'UMKM', summary: 'Usaha mikro, kecil, dan menengah hasil kemitraan dengan merek dan pelaku usaha.' },
    KETAHANAN_PANGAN: { name: 'Ketahanan Pangan', summary: 'Lele, ikan haruan, sayur hidroponik, melon, dan telur dari kebun dan kolam pembinaan.' },
    PEMBINAAN_KEMANDIRIAN: { name: 'Pembinaan Kemandirian', summary: 'Bengkel kerja: mebel, batik, sasirangan, tas purun, songket, dan kerajinan perak.' },
    SAE: { name: 'Sarana Asimilasi dan Edukasi', summary: 'Roti, kopi, dan jasa cuci mobil yang dikelola warga binaan asimilasi di luar tembok.' },
    GRIYA_ABHIPRAYA: { name: 'Griya Abhipraya', summary: 'Usaha klien pemasyarakatan dengan pendampingan Bapas.' },
  } satisfies Record<Program, { name: string; summary: string }>,
  programme: {
    productsHeading: 'Produk program ini',
    storiesHeading: 'Cerita dari program ini',
    noProducts: 'Belum ada produk yang dijual dalam program ini.',
  },
  product: {
    price: 'Harga',
    availability: {
      IN_STOCK: 'Tersedia',
      SOLD_OUT: 'Stok habis',
      WITHDRAWN: 'Tidak dijual lagi',
    } satisfies Record<ProductAvailability, string>,
    stockLeft: (count: number) => `Sisa ${count}`,
    soldOutNote: 'Produk ini sedang habis. Lihat produk serupa di bawah, atau kunjungi kembali nanti.',
    withdrawnNote: 'Produk ini sudah tidak dijual lagi. Terima kasih atas minat Anda; lihat produk serupa di bawah.',
    madeBy: 'Dibuat oleh',
    facility: 'Unit',
    category: 'Kategori',
    programme: 'Program',
    weight: 'Berat',
    grams: (grams: number) => `${grams} gram`,
    certifications: 'Izin dan sertifikat',
    description: 'Deskripsi',
    related: 'Produk serupa',
    stories: 'Cerita tentang produk ini',
    kind: { GOODS: 'Barang', FOOD: 'Pangan', SERVICE: 'Jasa' },
  },
  facility: {
    productsHeading: 'Produk dari unit ini',
    storiesHeading: 'Cerita dari unit ini',
    about: 'Tentang unit',
    address: 'Alamat',
    outlet: 'Gerai',
    openingHours: 'Jam buka',
    pickup: 'Pesanan dapat diambil di gerai.',
    impact: { itemsSold: 'produk terjual', premiPaid: 'premi dibayarkan' },
    noProducts: 'Belum ada produk yang dijual dari unit ini.',
    productCount: (count: number) => `${count} produk dijual`,
  },
  story: {
    readingMinutes: (minutes: number) => `${minutes} menit membaca`,
    publishedOn: 'Terbit',
    productsHeading: 'Produk dalam cerita ini',
    featuring: 'Bersama',
    by: 'Dari',
  },
  search: {
    title: 'Cari produk',
    titleFor: (q: string) => `Hasil pencarian “${q}”`,
    heading: 'Cari hasil karya warga binaan',
    resultCount: (count: number, more: boolean) => (more ? `Lebih dari ${count} produk` : `${count} produk`),
    noResults: 'Tidak ada produk yang cocok. Coba kata lain atau kurangi filter.',
    invalidFilter: 'Sebagian filter tidak dapat dipakai dan diabaikan.',
    programme: 'Program',
    anyProgramme: 'Semua program',
    category: 'Kategori',
    anyCategory: 'Semua kategori',
    inStock: 'Hanya yang tersedia',
    sort: 'Urutkan',
    sorts: { relevance: 'Paling sesuai', newest: 'Terbaru', price_asc: 'Harga termurah', price_desc: 'Harga termahal', popular: 'Terlaris' },
    nextPage: 'Halaman berikutnya',
    filters: 'Filter',
  },
  errors: {
    notFoundTitle: 'Halaman tidak ditemukan',
    notFound: 'Maaf, halaman yang Anda cari tidak ada. Mungkin tautannya keliru atau halaman sudah dipindahkan.',
    goneTitle: 'Produk sudah tidak tersedia',
    gone: 'Produk ini telah dihapus dari Etalase. Silakan lihat hasil karya lainnya.',
    busyTitle: 'Terlalu banyak permintaan',
    busy: 'Mohon tunggu sebentar, lalu muat ulang halaman ini.',
    unavailableTitle: 'Sedang ada gangguan',
    unavailable: 'Layanan sedang tidak dapat dijangkau. Silakan coba lagi beberapa saat lagi.',
    backHome: 'Kembali ke beranda',
  },
  footer: {
    about:
      'Etalase memamerkan dan menjual hasil karya warga binaan pemasyarakatan. Pembuat disebut sebagai kelompok kerja, kecuali dengan persetujuan mereka.',
  },
};

export type Messages = typeof MESSAGES_ID;
