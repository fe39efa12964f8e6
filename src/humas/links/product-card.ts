import type { ProductPage } from '../../catalog/catalog.types.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

export interface ProductCardInput {
  product: Pick<ProductPage['product'], 'name' | 'price' | 'facility' | 'images'>;
  /** The QR code, as `qrcode` writes it (an <svg> of paths only: nothing from input in it). */
  qrSvg: string;
  shortUrl: string;
}

/**
 * A printable A6 (105 x 148 mm) product card for exhibitions and bazaars: photo, name, price,
 * facility and the share link's QR code with its short address written out for those who type
 * it. One page, no script; the browser's print dialog makes the paper or PDF.
 */
export function productCardHtml({ product, qrSvg, shortUrl }: ProductCardInput): string {
  const photo = product.images[0];
  const price = `Rp${new Intl.NumberFormat('id-ID').format(product.price)}`;
  const shown = shortUrl.replace(/^https?:\/\//, '');
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Kartu produk: ${escape(product.name)}</title>
<style>
@page { size: A6 portrait; margin: 0; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, sans-serif; color: #1f1a14; background: #fff; }
.card { width: 105mm; height: 148mm; padding: 6mm; display: flex; flex-direction: column; gap: 2.5mm; overflow: hidden; }
.photo { width: 100%; height: 58mm; object-fit: cover; border-radius: 2mm; background: #eee; }
h1 { font-size: 14pt; line-height: 1.2; margin: 0; }
.price { font-size: 16pt; font-weight: 700; margin: 0; }
.facility { font-size: 9pt; margin: 0; color: #4a3f33; }
.scan { display: flex; gap: 3mm; align-items: center; margin-top: auto; }
.qr { width: 32mm; height: 32mm; flex: none; }
.qr svg { width: 100%; height: 100%; }
.scan p { font-size: 9pt; margin: 0; }
.scan strong { display: block; font-size: 10pt; word-break: break-all; }
</style>
</head>
<body>
<main class="card">
${photo ? `<img class="photo" src="${escape(photo.mediumUrl)}" alt="${escape(photo.alt)}">` : ''}
<h1>${escape(product.name)}</h1>
<p class="price">${escape(price)}</p>
<p class="facility">Karya warga binaan ${escape(product.facility.name)}</p>
<div class="scan">
<div class="qr" role="img" aria-label="Kode QR ke ${escape(shown)}">${qrSvg}</div>
<p>Pindai untuk membeli atau membaca kisahnya:<strong>${escape(shown)}</strong></p>
</div>
</main>
</body>
</html>
`;
}
