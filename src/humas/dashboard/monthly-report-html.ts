import { reportContent } from './monthly-report-content.js';
import type { HumasMonthlyReportView } from './monthly-report.views.js';

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const cells = (values: string[], tag: 'td' | 'th'): string => values.map((v) => `<${tag}>${escape(v)}</${tag}>`).join('');

/** The printable A4 page: plain HTML with its own print CSS, no script, nothing fetched. */
export function monthlyReportHtml(report: HumasMonthlyReportView): string {
  const c = reportContent(report);
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>${escape(c.title)}</title>
<style>
@page { size: A4; margin: 18mm 16mm; }
body { font: 11pt/1.4 system-ui, sans-serif; color: #111; max-width: 178mm; margin: 0 auto; }
h1 { font-size: 16pt; margin: 0 0 2mm; } h2 { font-size: 12pt; margin: 6mm 0 2mm; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #999; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
th { background: #eee; } .sign { margin-top: 14mm; margin-left: 55%; } .sign .space { height: 22mm; }
tr { break-inside: avoid; }
</style></head><body>
<h1>${escape(c.title)}</h1>
<p>${escape(c.subtitle)}</p>
<h2>Ringkasan</h2>
<table><tbody>${c.headline.map((row) => `<tr>${cells(row, 'td')}</tr>`).join('')}</tbody></table>
<h2>Klik tautan per kanal</h2>
<table><tbody>${c.channels.map((row) => `<tr>${cells(row, 'td')}</tr>`).join('')}</tbody></table>
<h2>Pesanan per kampanye (sentuhan terakhir)</h2>
${c.campaigns.length === 0 ? '<p>Belum ada pesanan dari kampanye.</p>' : `<table><thead><tr>${cells(['Kampanye', 'Pesanan / dibayar', 'Pendapatan dibayar'], 'th')}</tr></thead><tbody>${c.campaigns.map((row) => `<tr>${cells(row, 'td')}</tr>`).join('')}</tbody></table>`}
<h2>Peringkat satuan kerja</h2>
<table><thead><tr>${cells(c.facilityHeader, 'th')}</tr></thead><tbody>${c.facilityRows.map((row) => `<tr>${cells(row, 'td')}</tr>`).join('')}</tbody></table>
<div class="sign"><p>${escape(c.signature.place)}</p><p>${escape(c.signature.role)}</p><div class="space"></div><p>Nama: ______________________</p><p>NIP: ______________________</p></div>
</body></html>
`;
}
