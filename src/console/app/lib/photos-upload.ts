import type { ProductImage } from './api';
import { uploadPhoto, type UploadResult } from './photos';

/** Retries after the first try, with the same Idempotency-Key: a photo is stored once however often it is sent. */
export const AUTO_RETRIES = 2;
const RETRY_DELAY_MS = 1500;

/** Lost connection, a server or gateway trouble, or a throttle: worth sending again. A refusal (4xx) is not. */
function worthRetrying(result: UploadResult): boolean {
  if (result.ok) return false;
  const status = result.problem?.status ?? 0;
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one photo, retrying AUTO_RETRIES times on a dropped connection; `onAttempt` hears of each retry (1, 2). */
export async function uploadWithRetries(
  productId: string,
  photo: Blob,
  alt: string,
  uploadKey: string,
  onProgress: (fraction: number) => void,
  onAttempt: (retry: number) => void,
): Promise<UploadResult> {
  let result = await uploadPhoto(productId, photo, alt, uploadKey, onProgress);
  for (let retry = 1; retry <= AUTO_RETRIES && worthRetrying(result); retry += 1) {
    onAttempt(retry);
    await wait(RETRY_DELAY_MS * retry);
    onProgress(0);
    result = await uploadPhoto(productId, photo, alt, uploadKey, onProgress);
  }
  return result;
}

/** The gallery with `added` in it once: a retry answers with photos the gallery may already show. */
export function mergeImages(images: ProductImage[], added: ProductImage[]): ProductImage[] {
  const ids = new Set(added.map((image) => image.id));
  return [...images.filter((image) => !ids.has(image.id)), ...added].sort((a, b) => a.position - b.position);
}

export function newUploadKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
