import type { Program } from '../../catalog/catalog.types.js';

export interface DemoStoryData {
  facility: string;
  title: string;
  excerpt: string;
  markdown: string;
  tags: string[];
  program: Program;
  /** Names of the facility's demo products the story is about. */
  products: string[];
  coverHue: number;
  /** Days before the seed. */
  daysAgo: number;
}

/** Published demo stories: groups and programmes, never one person (no consent records in the demo). */
export const DEMO_STORIES: readonly DemoStoryData[] = [
  {
    facility: 'lapas-batam',
    title: 'Pukul Empat Pagi di Bakeri Roti Ropastam',
    excerpt: 'Sebelum azan subuh, oven bakeri SAE Lapas Batam sudah menyala. Begini satu pagi tim roti bekerja.',
    markdown: [
      'Pukul empat pagi, dapur bakeri **Roti Ropastam** di Lapas Batam sudah hangat. Tim yang terdiri dari delapan warga binaan menimbang tepung, mengulen adonan, dan menunggu adonan mengembang sambil membersihkan loyang.',
      '## Dari pelatihan ke produksi',
      'Bakeri ini lahir dari program **Sarana Asimilasi dan Edukasi (SAE)**. Setiap anggota tim lebih dulu mengikuti pelatihan tata boga dan keamanan pangan, lalu bergiliran memegang tugas: adonan, oven, pengemasan, dan pencatatan stok.',
      '> "Yang paling susah itu sabar menunggu adonan," kata salah satu anggota tim sambil tertawa.',
      '## Sampai ke meja pembeli',
      'Roti tawar kupas dan roti sobek dikemas sebelum pukul tujuh dan dijual di outlet lapas maupun lewat Etalase. Sebagian keuntungan menjadi **premi** bagi tim, sebagian menjadi PNBP, dan sisanya modal kerja untuk tepung hari berikutnya.',
    ].join('\n\n'),
    tags: ['roti', 'sae', 'pelatihan'],
    program: 'SAE',
    products: ['Roti Ropastam Tawar Kupas', 'Roti Ropastam Sobek Cokelat Keju'],
    coverHue: 32,
    daysAgo: 2,
  },
  {
    facility: 'lapas-banjarmasin',
    title: 'Panen Lele di Kolam Ketahanan Pangan Lapas Banjarmasin',
    excerpt: 'Tiga bulan merawat bibit, satu pagi memanen: 400 kg lele dari kolam terpal di belakang blok hunian.',
    markdown: [
      'Kolam-kolam terpal di sisi timur Lapas Banjarmasin ramai sejak pagi. Hari ini panen lele dari empat kolam yang ditebar bibitnya tiga bulan lalu.',
      '## Kerja bersama',
      'Kelompok budidaya ikan bergantian memberi pakan dua kali sehari, mengganti air, dan mencatat pertumbuhan. Hasil panen pagi ini sekitar **400 kg**, sebagian untuk dapur lapas dan sebagian dijual segar.',
      '- Kolam 1 dan 2: lele ukuran konsumsi',
      '- Kolam 3: dipanen sebagian, sisanya untuk indukan',
      '- Kolam 4: dikeringkan dan disiapkan untuk tebar berikutnya',
      '## Ketahanan pangan',
      'Program ini bagian dari gerakan **ketahanan pangan** pemasyarakatan: warga binaan belajar budidaya yang bisa dilanjutkan setelah bebas, dan hasilnya ikut memenuhi kebutuhan pangan.',
    ].join('\n\n'),
    tags: ['panen', 'lele', 'ketahanan-pangan'],
    program: 'KETAHANAN_PANGAN',
    products: ['Ikan Lele Segar (per kg)'],
    coverHue: 200,
    daysAgo: 5,
  },
  {
    facility: 'lapas-cipinang',
    title: 'Canting, Malam, dan Ondel-Ondel di Bengkel Batik Cipinang',
    excerpt: 'Di bengkel batik Lapas Cipinang, motif Betawi lahir dari canting dan kesabaran.',
    markdown: [
      'Bau malam yang dipanaskan menyambut siapa pun yang masuk ke bengkel batik Lapas Cipinang. Di meja panjang, kain putih dibentangkan dan pola ondel-ondel mulai ditarik dengan canting.',
      '## Satu kain, banyak tangan',
      'Satu lembar kain melewati banyak tangan: pembuat pola, pencanting, pewarna, dan penjahit. Kelompok batik ini dibina lewat program **pembinaan kemandirian** bersama instruktur dari luar lapas.',
      'Hasilnya dijahit menjadi kemeja dan dijual di Etalase. Setiap kemeja yang terjual ikut membiayai kain dan malam untuk produksi berikutnya, dan premi bagi kelompok.',
    ].join('\n\n'),
    tags: ['batik', 'kerajinan', 'betawi'],
    program: 'PEMBINAAN_KEMANDIRIAN',
    products: ['Kemeja Batik Betawi Ondel-Ondel'],
    coverHue: 12,
    daysAgo: 9,
  },
  {
    facility: 'lapas-perempuan-martapura',
    title: 'Warna dari Kayu Ulin: Sasirangan Pewarna Alam',
    excerpt: 'Kelompok sasirangan Lapas Perempuan Martapura beralih ke pewarna alam. Warnanya lebih lembut, prosesnya lebih panjang.',
    markdown: [
      'Sasirangan adalah kain khas Banjar yang motifnya dibuat dengan jahitan jelujur lalu dicelup. Di Lapas Perempuan Martapura, kelompok sasirangan kini mencoba **pewarna alam** dari serutan kayu ulin dan kulit kayu.',
      'Proses pewarnaan bisa memakan tiga hari, tetapi hasilnya warna cokelat tanah yang hangat dan tidak mudah pudar.',
    ].join('\n\n'),
    tags: ['sasirangan', 'pewarna-alam', 'kerajinan'],
    program: 'PEMBINAAN_KEMANDIRIAN',
    products: ['Kain Sasirangan Pewarna Alam Kayu Ulin'],
    coverHue: 25,
    daysAgo: 14,
  },
];
