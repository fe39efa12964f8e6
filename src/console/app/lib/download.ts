import { bearer, renewSession } from './api';

export type Fetched = { ok: true; blob: Blob; fileName: string | undefined } | { ok: false; status: number };

/**
 * A signed-in GET of a file (a report export needs the bearer token, so a plain link cannot fetch
 * it). A 401 renews the session once, as the typed client does.
 */
export async function fetchFile(path: string, accept: string): Promise<Fetched> {
  const send = (): Promise<Response> => {
    const token = bearer();
    return fetch(path, { headers: { Accept: accept, ...(token && { Authorization: `Bearer ${token}` }) } });
  };
  let response = await send();
  if (response.status === 401 && (await renewSession())) response = await send();
  if (!response.ok) return { ok: false, status: response.status };
  const disposition = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '');
  return { ok: true, blob: await response.blob(), fileName: disposition?.[1] };
}

/** Hands a fetched file to the browser's downloads, under `fileName`. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the time this runs; the object URL is only memory until then.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
