/**
 * Where media files live: a local directory or an S3-compatible bucket. Keys are relative,
 * slash-separated paths such as `images/ab/<hash>/large.webp`.
 */
export interface StorageDriver {
  /** Stores the whole body under `key`; a reader never sees a partly written object. */
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Removes the object; a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** The absolute URL clients fetch the object from. */
  publicUrl(key: string): string;
}

/** Injection token for the configured StorageDriver. */
export const STORAGE_DRIVER = Symbol('STORAGE_DRIVER');
