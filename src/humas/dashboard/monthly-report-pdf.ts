import PDFDocument from 'pdfkit';
import type { Writable } from 'node:stream';
import { reportContent } from './monthly-report-content.js';
import type { HumasMonthlyReportView } from './monthly-report.views.js';

const MARGIN = 50;

/**
 * The same report as an A4 PDF (pdfkit: pure JavaScript, no browser or native binary on the
 * server, built-in Helvetica), ending with the signature block of the head of office.
 */
export function writeMonthlyReportPdf(stream: Writable, report: HumasMonthlyReportView): Promise<void> {
  const c = reportContent(report);
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: c.title, Author: 'Etalase' } });
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  doc.pipe(stream);
  const width = doc.page.width - 2 * MARGIN;
  const heading = (text: string): void => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(text).moveDown(0.3).font('Helvetica').fontSize(10);
  };
  /** Rows of cells at fixed column widths (fractions of the text width); a new page when one would not fit. */
  const table = (rows: string[][], widths: number[], bold = false): void => {
    for (const row of rows) {
      const height = Math.max(...row.map((cell, i) => doc.heightOfString(cell, { width: (widths[i] ?? 0) * width - 4 }))) + 4;
      if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
      const y = doc.y;
      let x = MARGIN;
      doc.font(bold && rows.indexOf(row) === 0 ? 'Helvetica-Bold' : 'Helvetica');
      row.forEach((cell, i) => {
        const w = (widths[i] ?? 0) * width;
        doc.rect(x, y, w, height).strokeColor('#999').stroke();
        doc.fillColor('#111').text(cell, x + 2, y + 2, { width: w - 4 });
        x += w;
      });
      doc.x = MARGIN;
      doc.y = y + height;
    }
    doc.font('Helvetica');
  };
  doc.font('Helvetica-Bold').fontSize(15).text(c.title);
  doc.font('Helvetica').fontSize(10).text(c.subtitle);
  heading('Ringkasan');
  table(c.headline, [0.55, 0.45]);
  heading('Klik tautan per kanal');
  table(c.channels, [0.55, 0.45]);
  heading('Pesanan per kampanye (sentuhan terakhir)');
  if (c.campaigns.length === 0) doc.text('Belum ada pesanan dari kampanye.');
  else table([['Kampanye', 'Pesanan / dibayar', 'Pendapatan dibayar'], ...c.campaigns], [0.5, 0.25, 0.25], true);
  heading('Peringkat satuan kerja');
  table([c.facilityHeader, ...c.facilityRows], [0.06, 0.34, 0.1, 0.14, 0.12, 0.12, 0.12], true);
  if (doc.y + 150 > doc.page.height - MARGIN) doc.addPage();
  const x = MARGIN + width * 0.55;
  doc.moveDown(2);
  doc.text(c.signature.place, x, doc.y, { width: width * 0.45 });
  doc.text(c.signature.role, x, doc.y, { width: width * 0.45 });
  doc.moveDown(5);
  doc.text('Nama: ______________________', x, doc.y, { width: width * 0.45 });
  doc.text('NIP: ______________________', x, doc.y, { width: width * 0.45 });
  doc.end();
  return done;
}
