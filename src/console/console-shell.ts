import { CONSOLE_BASE } from './console.routes.js';

/**
 * The console's own Content-Security-Policy: only its hashed script and stylesheet from this site,
 * API calls to this site, photos from this site or the media store, and `blob:` for the preview of
 * a photo being uploaded. No inline script or style, so no nonce is needed.
 */
export function consolePolicy(mediaOrigins: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' blob: ${mediaOrigins.join(' ')}`.trim(),
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const escapeAttribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The single page every console URL answers with; the script draws the screen for the path. Its
 * few words show only while the script loads or when it cannot run.
 */
export function consoleShell(entry: { js: string; css?: string }): string {
  const asset = (file: string): string => escapeAttribute(`${CONSOLE_BASE}/assets/${file}`);
  return [
    '<!doctype html>',
    '<html lang="id">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    // What a link preview (a colleague sharing the console's address on WhatsApp) shows.
    '<meta name="description" content="Etalase Admin: petugas unit pemasyarakatan mengelola produk, stok, pesanan dan cerita dari ponsel.">',
    '<meta name="theme-color" content="#0b5c3b">',
    '<title>Etalase Admin</title>',
    '<link rel="icon" href="/favicon.svg" type="image/svg+xml">',
    entry.css ? `<link rel="stylesheet" href="${asset(entry.css)}">` : '',
    `<script defer src="${asset(entry.js)}"></script>`,
    '</head>',
    '<body>',
    '<div id="app"><main><h1>Etalase Admin</h1><p>Memuat… Jika halaman ini tidak berubah, aktifkan JavaScript.</p></main></div>',
    '</body>',
    '</html>',
    '',
  ]
    .filter(Boolean)
    .join('\n');
}
