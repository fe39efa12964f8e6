import { api } from './api';

export type Fetched = { blob: Blob } | { status: number };

async function blobOf(response: Response, data: Blob | undefined): Promise<Fetched> {
  return response.ok && data ? { blob: data } : { status: response.status };
}

/**
 * Files the API serves only to a signed-in admin are fetched with the bearer token (a plain link
 * would not carry it) into a blob, then saved or opened from there. A failure gives its status.
 */
export async function fetchQr(linkId: string, format: 'svg' | 'png'): Promise<Fetched> {
  const { data, response } = await api.GET('/api/v1/admin/humas/links/{id}/qr', { params: { path: { id: linkId }, query: { format } }, parseAs: 'blob' });
  return blobOf(response, data);
}

/**
 * The server's own policy for the card, carried into the page: a blob page opens on the console's
 * origin, where a script (none is expected) could read the session; this keeps it from running.
 */
const CARD_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:";
/** The monthly report's A4 page: its inline style only. */
const REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

function withPolicy(html: string, policy: string): Blob {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  const page = /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => head + meta) : meta + html;
  return new Blob([page], { type: 'text/html;charset=utf-8' });
}

/** The printable A6 product card (an HTML page) of a link to a product, its policy first in its head. */
export async function fetchCard(linkId: string): Promise<Fetched> {
  const { data, response } = await api.GET('/api/v1/admin/humas/links/{id}/card', { params: { path: { id: linkId } }, parseAs: 'text' });
  if (!response.ok || data === undefined) return { status: response.status };
  return { blob: withPolicy(data, CARD_POLICY) };
}

/** Hands a blob to the browser: saved under `filename`, or opened in a new tab when none is given. */
export function handOver(blob: Blob, filename?: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  if (filename) anchor.download = filename;
  else {
    anchor.target = '_blank';
    anchor.rel = 'noopener';
  }
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The new tab or the download has what it needs once it has started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export type ReportFormat = 'pdf' | 'csv' | 'xlsx' | 'html';

/** A regional office's monthly Humas report; the file name is the one the server gives; the A4 page keeps its policy. */
export async function fetchMonthlyReport(month: string, format: ReportFormat, kanwilId?: string): Promise<Fetched & { filename?: string }> {
  const query = { month, format, ...(kanwilId && { kanwilId }) };
  if (format === 'html') {
    const { data, response } = await api.GET('/api/v1/admin/humas/reports/monthly', { params: { query }, parseAs: 'text' });
    return response.ok && data !== undefined ? { blob: withPolicy(data, REPORT_POLICY) } : { status: response.status };
  }
  const { data, response } = await api.GET('/api/v1/admin/humas/reports/monthly', { params: { query }, parseAs: 'blob' });
  const filename = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1];
  return { ...(await blobOf(response, data)), filename };
}
