import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { MediaService } from './media.service.js';
import { MediaSweep } from './media-sweep.js';
import { MediaUsage } from './media-usage.js';
import { LocalStorageDriver } from './storage/local-storage.driver.js';
import { S3StorageDriver } from './storage/s3-storage.driver.js';
import { STORAGE_DRIVER, StorageDriver } from './storage/storage-driver.js';

export function createStorageDriver(config: AppConfig): StorageDriver {
  const { media } = config;
  if (media.driver === 's3') {
    // Configuration validation demands these with STORAGE_DRIVER=s3; this only guards a bypass.
    if (!media.s3) throw new Error('STORAGE_DRIVER=s3 needs S3_BUCKET and S3_PUBLIC_URL');
    return new S3StorageDriver(media.s3);
  }
  return new LocalStorageDriver(media.uploadsDir, config.publicBaseUrl);
}

/** Generic media handling (product photos, story covers); imports no feature. */
@Module({
  providers: [MediaService, MediaUsage, MediaSweep, { provide: STORAGE_DRIVER, useFactory: createStorageDriver, inject: [AppConfig] }],
  exports: [MediaService, MediaUsage, MediaSweep],
})
export class MediaModule {}
