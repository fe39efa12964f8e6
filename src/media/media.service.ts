import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { boundedMemo } from '../common/cache/bounded-memo.js';
import { stopHeifDecoder } from './heif-decoder.js';
import { processImage, ProcessedImage } from './image-pipeline.js';
import { contentHashOfImageUrl, derivedKey, IMAGE_VARIANT_NAMES, imageKey, imageKeys } from './media-keys.js';
import type { ImageUrls, ImageVariant, StoredImage } from './media.types.js';
import { STORAGE_DRIVER, type StorageDriver } from './storage/storage-driver.js';

const WEBP = 'image/webp';
/** Images whose URLs are kept (some 500 bytes each, so a few MB): over a hundred list pages' worth. */
const KNOWN_IMAGE_URLS = 10_000;

export interface StoredImages {
  images: StoredImage[];
  /**
   * Deletes the files this call wrote (never those that were already there, which other records
   * may use). Call it when the records that would reference the images could not be saved.
   */
  rollback(): Promise<void>;
}

/** Cleans uploaded images and keeps their variants in the configured store. */
@Injectable()
export class MediaService implements OnApplicationShutdown {
  constructor(@Inject(STORAGE_DRIVER) private readonly storage: StorageDriver) {}

  /** The HEIF decoder's worker thread (started by the first HEIC upload) ends with the application. */
  async onApplicationShutdown(): Promise<void> {
    await stopHeifDecoder();
  }

  /**
   * Processes every upload, and only then writes: one bad file fails the request before anything
   * is stored. Errors name the file as `files[i]`.
   */
  async storeImages(buffers: Buffer[]): Promise<StoredImages> {
    return this.writeImages(await this.prepareImages(buffers));
  }

  /** The CPU-bound half of storeImages: nothing is written. One file at a time bounds memory. */
  async prepareImages(buffers: Buffer[]): Promise<ProcessedImage[]> {
    const prepared: ProcessedImage[] = [];
    for (const [index, buffer] of buffers.entries()) prepared.push(await processImage(buffer, `files[${index}]`));
    return prepared;
  }

  /**
   * The I/O half of storeImages. Variants already stored (the same picture uploaded before) are
   * left alone and not rolled back. If a write fails, what this call wrote is removed again.
   */
  async writeImages(prepared: ProcessedImage[]): Promise<StoredImages> {
    const written: string[] = [];
    const rollback = async (): Promise<void> => {
      const keys = written.splice(0);
      await settleAll(keys.map((key) => this.storage.delete(key)), 'Could not roll back every stored image file');
    };
    const writeVariant = async (image: ProcessedImage, variant: ImageVariant): Promise<void> => {
      const key = imageKey(image.contentHash, variant);
      if (await this.storage.exists(key)) return;
      await this.storage.put(key, image.variants[variant], WEBP);
      written.push(key);
    };
    try {
      // An image's variants in parallel (three round trips to S3 become one); images one by one.
      for (const image of prepared) {
        await settleAll(IMAGE_VARIANT_NAMES.map((variant) => writeVariant(image, variant)), 'Could not store every image file');
      }
    } catch (error) {
      await rollback().catch(() => undefined); // the write error is the one worth reporting
      throw error;
    }
    return {
      images: prepared.map(({ contentHash, width, height }) => ({ contentHash, width, height })),
      rollback,
    };
  }

  /** Where every media file's URL starts: content that embeds images may only point below it. */
  publicBase(): string {
    return this.storage.publicUrl('');
  }

  /**
   * The URLs depend on the hash alone, so they are built once per image (issue 18: a list page
   * built and checked 72 URLs a request). Shared between callers, hence frozen: copy to add to it.
   */
  urlsFor(contentHash: string): Readonly<ImageUrls> {
    return this.knownUrls(contentHash);
  }

  private readonly knownUrls = boundedMemo(KNOWN_IMAGE_URLS, (contentHash: string): Readonly<ImageUrls> => {
    const keys = imageKeys(contentHash);
    return Object.freeze({
      thumbUrl: this.storage.publicUrl(keys.thumb),
      mediumUrl: this.storage.publicUrl(keys.medium),
      largeUrl: this.storage.publicUrl(keys.large),
    });
  });

  /**
   * A variant's bytes (to draw from it) of the image behind the URL of any of its variants (urlsFor);
   * null when the URL is not one of ours or the store no longer has the file.
   */
  async readImageAt(url: string, variant: ImageVariant): Promise<Buffer | null> {
    const contentHash = contentHashOfImageUrl(url);
    return contentHash ? this.storage.get(imageKey(contentHash, variant)) : null;
  }

  /** A JPEG made from other content (a share picture), by the hash of what it was made from; null until stored. */
  readDerivedJpeg(contentHash: string): Promise<Buffer | null> {
    return this.storage.get(derivedKey(contentHash, 'jpg'));
  }

  storeDerivedJpeg(contentHash: string, body: Buffer): Promise<void> {
    return this.storage.put(derivedKey(contentHash, 'jpg'), body, 'image/jpeg');
  }

  /** Removes every variant. The caller makes sure no record still uses the image. */
  async deleteImage(contentHash: string): Promise<void> {
    await settleAll(Object.values(imageKeys(contentHash)).map((key) => this.storage.delete(key)), `Could not delete every file of image ${contentHash}`);
  }
}

/** Waits for every operation (none is left running), then fails with the error, or all of them, if any failed. */
async function settleAll(operations: Promise<void>[], message: string): Promise<void> {
  const errors = (await Promise.allSettled(operations)).flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, message);
}
