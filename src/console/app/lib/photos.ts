import { bearer, renewSession, type ProductImage, type Problem, asProblem } from './api';

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
 * Uploads one photo with XMLHttpRequest, the only browser API that reports upload progress, to the
 * endpoint the typed client knows as POST /api/v1/admin/products/{id}/images. `uploadKey` is the
 * Idempotency-Key: the same for every retry of this photo, so a retry after a lost answer returns
 * the photo already stored instead of adding it twice.
 */
export async function uploadPhoto(productId: string, photo: Blob, alt: string, uploadKey: string, onProgress: (fraction: number) => void): Promise<UploadResult> {
  const first = await send(productId, photo, alt, uploadKey, onProgress);
  if (first.status !== 401 || !(await renewSession())) return result(first);
  return result(await send(productId, photo, alt, uploadKey, onProgress));
}

interface Sent {
  status: number;
  body: unknown;
}

function send(productId: string, photo: Blob, alt: string, uploadKey: string, onProgress: (fraction: number) => void): Promise<Sent> {
  return new Promise((resolve) => {
    const form = new FormData();
    form.append('alt', alt);
    form.append('files', photo, 'foto.jpg');
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/admin/products/${encodeURIComponent(productId)}/images`);
    const token = bearer();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Idempotency-Key', uploadKey);
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
