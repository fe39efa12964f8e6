import type { Program } from '../../catalog/catalog.types.js';

/** Every share kit caption ends with these: the Directorate General's own campaign tags. */
export const SHARE_HASHTAGS = ['#KaryaWargaBinaan', '#Pemasyarakatan'] as const;

const PROGRAM_HASHTAGS: Record<Program, string> = {
  UMKM: '#UMKM',
  KETAHANAN_PANGAN: '#KetahananPangan',
  PEMBINAAN_KEMANDIRIAN: '#PembinaanKemandirian',
  SAE: '#SaranaAsimilasiEdukasi',
  GRIYA_ABHIPRAYA: '#GriyaAbhipraya',
};

export type CaptionSubject =
  | { kind: 'product'; name: string; price: number; facilityName: string; program: Program; url: string }
  | { kind: 'story'; title: string; excerpt: string; facilityName: string; url: string };

/** Integer rupiah as Indonesians write it: `Rp125.000`. */
export function captionRupiah(rupiah: number): string {
  return `Rp${Math.trunc(rupiah).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
}

/** One line, no Markdown or line breaks smuggled in by a title. */
function line(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The hashtags of a caption, in order. */
export function captionHashtags(subject: CaptionSubject): string[] {
  return subject.kind === 'product' ? [...SHARE_HASHTAGS, PROGRAM_HASHTAGS[subject.program]] : [...SHARE_HASHTAGS];
}

/**
 * A ready Indonesian caption for WhatsApp, Instagram or Facebook: what it is, where it was made,
 * the link, the hashtags. Polite and warm, never pity; the officer edits it in the console.
 */
export function shareCaption(subject: CaptionSubject): string {
  const tags = captionHashtags(subject).join(' ');
  if (subject.kind === 'product') {
    return [
      `${line(subject.name)} – ${captionRupiah(subject.price)}`,
      `Hasil karya warga binaan ${line(subject.facilityName)}. Setiap pembelian mendukung pembinaan kemandirian mereka.`,
      `Pesan sekarang: ${subject.url}`,
      '',
      tags,
    ].join('\n');
  }
  const excerpt = line(subject.excerpt);
  return [line(subject.title), ...(excerpt ? [excerpt] : []), `Baca selengkapnya dari ${line(subject.facilityName)}: ${subject.url}`, '', tags].join('\n');
}
