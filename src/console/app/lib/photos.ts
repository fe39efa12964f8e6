import { bearer, renewSession, type ProductImage, type Problem, type Story, asProblem } from './api';

/** Long side of the photo sent: enough for the 1200 px large variant and zoom, a few hundred KB as JPEG. */
export const MAX_SIDE = 2000;
const JPEG_QUALITY = 0.85;

/**
 * A camera photo (often 4000x3000, 3-8 MB) made small on the phone before it uses mobile data:
 * decoded upright (EXIF orientation applied), scaled so its long side is at most MAX_SIDE, and
 * re-encoded as JPEG, which also drops its EXIF (GPS included). The server strips again anyway.
 */
export async function downscale(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.round(bitmap.width * scale);
  const height = Math.round(bitmap.height * scale);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas');
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('Could not encode the photo'))), 'image/jpeg', JPEG_QUALITY));
}

export type UploadResult = { ok: true; images: ProductImage[] } | { ok: false; problem?: Problem };

/**
 * Uploads one product photo with XMLHttpRequest, the only browser API that reports upload progress, to the
 * endpoint the typed client knows as POST /api/v1/admin/products/{id}/images. `uploadKey` is the
 * Idempotency-Key: the same for every retry of this photo, so a retry after a lost answer returns
 * the photo already stored instead of adding it twice.
 */
export async function uploadPhoto(productId: string, photo: Blob, alt: string, uploadKey: string, onProgress: (fraction: number) => void): Promise<UploadResult> {
  const target: Target = { url: `/api/v1/admin/products/${encodeURIComponent(productId)}/images`, field: 'files', uploadKey };
  return result(await sendRenewing(target, photo, alt, onProgress));
}

export type CoverResult = { ok: true; story: Story } | { ok: false; problem?: Problem };

/**
 * A story's cover (POST /api/v1/admin/stories/{id}/cover, field `file`), with progress. Setting a
 * cover replaces the one before, so a retry cannot add a second: no upload key needed.
 */
export async function uploadCover(storyId: string, photo: Blob, alt: string, onProgress: (fraction: number) => void): Promise<CoverResult> {
  const sent = await sendRenewing({ url: `/api/v1/admin/stories/${encodeURIComponent(storyId)}/cover`, field: 'file' }, photo, alt, onProgress);
  if (sent.status === 200 && typeof sent.body === 'object' && sent.body !== null) return { ok: true, story: sent.body as Story };
  return sent.status === 0 ? { ok: false } : { ok: false, problem: asProblem(sent.body, sent.status) };
}

interface Target {
  url: string;
  field: string;
  uploadKey?: string;
}

interface Sent {
  status: number;
  body: unknown;
}

async function sendRenewing(target: Target, photo: Blob, alt: string, onProgress: (fraction: number) => void): Promise<Sent> {
  const first = await send(target, photo, alt, onProgress);
  if (first.status !== 401 || !(await renewSession())) return first;
  return send(target, photo, alt, onProgress);
}

function send(target: Target, photo: Blob, alt: string, onProgress: (fraction: number) => void): Promise<Sent> {
  return new Promise((resolve) => {
    const form = new FormData();
    form.append('alt', alt);
    form.append(target.field, photo, 'foto.jpg');
    const xhr = new XMLHttpRequest();
    xhr.open('POST', target.url);
    const token = bearer();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    if (target.uploadKey) xhr.setRequestHeader('Idempotency-Key', target.uploadKey);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response as unknown });
    xhr.onerror = () => resolve({ status: 0, body: undefined });
    xhr.ontimeout = () => resolve({ status: 0, body: undefined });
    xhr.send(form);
  });
}

function result(sent: Sent): UploadResult {
  if (sent.status === 201 && Array.isArray(sent.body)) return { ok: true, images: sent.body as ProductImage[] };
  return sent.status === 0 ? { ok: false } : { ok: false, problem: asProblem(sent.body, sent.status) };
}
