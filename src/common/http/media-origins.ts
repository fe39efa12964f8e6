import type { AppConfig } from '../../config/app-config.js';

/** Where product and story photos are served from: this app's /media (PUBLIC_BASE_URL) or the object store. */
export function mediaOrigins(config: AppConfig): string[] {
  const urls = [config.publicBaseUrl, ...(config.media.s3?.publicUrl ? [config.media.s3.publicUrl] : [])];
  return [...new Set(urls.map((url) => new URL(url).origin))];
}
