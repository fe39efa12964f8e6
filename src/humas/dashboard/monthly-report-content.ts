import { SHARE_CHANNELS } from '../campaigns/campaign.types.js';
import type { HumasMonthlyReportView } from './monthly-report.views.js';

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

export const number = (value: number): string => new Intl.NumberFormat('id-ID').format(value);
export const rupiah = (value: number): string => `Rp${number(value)}`;
export const percent = (ratio: number): string => `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(ratio * 100)}%`;

/** `2026-11` as "November 2026". */
export function monthName(month: string): string {
  const [year, index] = month.split('-');
  return `${MONTHS[Number(index) - 1] ?? ''} ${year ?? ''}`;
}

/** A WIB day (`2026-11-30`) as "30 November 2026". */
export function dayName(day: string): string {
  return `${Number(day.slice(8, 10))} ${monthName(day.slice(0, 7))}`;
}

export interface ReportContent {
  title: string;
  subtitle: string;
  headline: [string, string][];
  channels: [string, string][];
  campaigns: [string, string, string][];
  facilityHeader: string[];
  facilityRows: string[][];
  signature: { place: string; role: string };
}

/** What the printed report says, in Indonesian, once for the HTML page and the PDF. */
export function reportContent(report: HumasMonthlyReportView): ReportContent {
  const s = report.summary;
  return {
    title: `Laporan Kinerja Humas ${report.kanwil.name}`,
    subtitle: `${monthName(report.month)} (${dayName(s.from)} s.d. ${dayName(s.to)}, WIB)`,
    headline: [
      ['Peringkat nasional', report.nationalPlace ? `${report.nationalPlace.rank} dari ${report.nationalPlace.total} (skor ${report.nationalPlace.score})` : '-'],
      ['Berita dipublikasikan / target One Day One News', `${number(s.odon.published)} / ${number(s.odon.target)} (${percent(s.odon.attainment)})`],
      ['Unit-hari terpenuhi', `${number(s.odon.unitDaysCovered)} dari ${number(s.odon.target)}`],
      ['Kunjungan etalase (tampilan halaman)', number(s.visits.views)],
      ['Pengunjung unik harian (dijumlahkan per hari)', number(s.visits.dailyUniqueVisitorsSummed)],
      ['Klik tautan kampanye', number(s.shareClicks.total)],
      ['Pesanan / dibayar', `${number(s.orders.orders)} / ${number(s.orders.paidOrders)}`],
      ['Pendapatan dibayar (barang, tanpa ongkir)', rupiah(s.orders.paidRevenue)],
      ['Konversi (pesanan / kunjungan)', s.orders.conversion === null ? '-' : percent(s.orders.conversion)],
      ['Produk baru tayang', number(s.productsNewlyListed)],
      ['Median waktu tinjau berita', s.stories.medianReviewHours === null ? '-' : `${s.stories.medianReviewHours} jam (${s.stories.reviewed} berita)`],
    ],
    channels: SHARE_CHANNELS.map((channel) => [channel, number(s.shareClicks.byChannel[channel])]),
    campaigns: s.orders.byCampaign.map((c) => [c.campaignName, `${number(c.orders)} / ${number(c.paidOrders)}`, rupiah(c.paidRevenue)]),
    facilityHeader: ['#', 'Satuan kerja', 'Skor', 'Berita / target', 'Unik harian', 'Pesanan', 'Produk baru'],
    facilityRows: report.facilities.map((f) => [String(f.rank), f.name, String(f.score), `${f.storiesPublished} / ${f.odonTarget}`, number(f.dailyUniqueVisitorsSummed), number(f.orders), number(f.productsNewlyListed)]),
    signature: { place: `Dibuat ${dayName(report.generatedAt.slice(0, 10))}`, role: `Kepala Kantor Wilayah ${report.kanwil.name}` },
  };
}
