/**
 * Where media files live: a local directory or an S3-compatible bucket. Keys are relative,
 * slash-separated paths such as `images/ab/<hash>/large.webp`.
 */
export interface StorageDriver {
  /** Stores the whole body under `key`; a reader never sees a partly written object. */
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** The whole object, or null when there is none. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the object; a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** The absolute URL clients fetch the object from. */
  publicUrl(key: string): string;
  /**
   * Every object whose key starts with `prefix`, temporary ones included (see isTemporaryKey),
   * read page by page so a large store never sits in memory. The objects of one directory come
   * together (`images/ab/<hash>/...`).
   */
  list(prefix: string): AsyncIterable<StoredObject>;
}

export interface StoredObject {
  key: string;
  /** When it was last written. */
  modifiedAt: Date;
}

/**
 * A driver that cannot write an object in one step writes it under a temporary key beside the
 * final one and renames it into place. Temporary keys are dot-files (`.<random>.tmp`), which no
 * content key is and the local media route refuses to serve. One left behind is a write that
 * crashed; nothing ever refers to it.
 */
export function isTemporaryKey(key: string): boolean {
  return (key.split('/').pop() ?? '').startsWith('.');
}

/** Injection token for the configured StorageDriver. */
export const STORAGE_DRIVER = Symbol('STORAGE_DRIVER');
