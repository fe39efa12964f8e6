import { captionHashtags, captionRupiah, shareCaption } from './share-caption';

describe('share captions', () => {
  it('write a product with its price in rupiah, the facility, the link and the hashtags', () => {
    const caption = shareCaption({
      kind: 'product',
      name: 'Kain Sasirangan\nMotif Gigi Haruan',
      price: 125000,
      facilityName: 'Lapas Kelas IIA Banjarmasin',
      program: 'PEMBINAAN_KEMANDIRIAN',
      url: 'https://etalase.example.id/produk/kain-sasirangan',
    });
    expect(caption.split('\n')).toEqual([
      'Kain Sasirangan Motif Gigi Haruan – Rp125.000',
      'Hasil karya warga binaan Lapas Kelas IIA Banjarmasin. Setiap pembelian mendukung pembinaan kemandirian mereka.',
      'Pesan sekarang: https://etalase.example.id/produk/kain-sasirangan',
      '',
      '#KaryaWargaBinaan #Pemasyarakatan #PembinaanKemandirian',
    ]);
  });

  it('write a story with its excerpt, and leave the excerpt out when there is none', () => {
    const story = { kind: 'story' as const, title: 'Panen Lele', excerpt: 'Kolam bioflok.', facilityName: 'Lapas Sleman', url: 'https://e.id/cerita/panen-lele' };
    expect(shareCaption(story)).toBe('Panen Lele\nKolam bioflok.\nBaca selengkapnya dari Lapas Sleman: https://e.id/cerita/panen-lele\n\n#KaryaWargaBinaan #Pemasyarakatan');
    expect(shareCaption({ ...story, excerpt: '  ' }).split('\n')[1]).toBe('Baca selengkapnya dari Lapas Sleman: https://e.id/cerita/panen-lele');
    expect(captionHashtags(story)).toEqual(['#KaryaWargaBinaan', '#Pemasyarakatan']);
  });

  it('group thousands with dots and show no decimals', () => {
    expect([0, 999, 1000, 125000, 1250000].map(captionRupiah)).toEqual(['Rp0', 'Rp999', 'Rp1.000', 'Rp125.000', 'Rp1.250.000']);
  });
});
