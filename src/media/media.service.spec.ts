import sharp from 'sharp';
import { DomainError } from '../common/errors/domain-error';
import { imageKeys } from './media-keys';
import { MediaService } from './media.service';
import type { StorageDriver, StoredObject } from './storage/storage-driver';

/** A working in-memory store that records what it was asked to do, and can be told to fail a put. */
class MemoryStorage implements StorageDriver {
  readonly objects = new Map<string, { body: Buffer; contentType: string }>();
  readonly puts: string[] = [];
  failPutsAfter = Infinity;

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    if (this.puts.length >= this.failPutsAfter) throw new Error('disk full');
    this.puts.push(key);
    this.objects.set(key, { body, contentType });
  }
  async exists(key: string): Promise<boolean> {
    return this.objects.has(key);
  }
  async get(key: string): Promise<Buffer | null> {
    return this.objects.get(key)?.body ?? null;
  }
  async delete(key: string): Promise<void> {
    this.objects.delete(key);
  }
  publicUrl(key: string): string {
    return `https://media.example.test/${key}`;
  }
  async *list(prefix: string): AsyncIterable<StoredObject> {
    for (const key of [...this.objects.keys()].sort()) if (key.startsWith(prefix)) yield { key, modifiedAt: new Date() };
  }
}

const colour = (r: number): Promise<Buffer> =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: { r, g: 10, b: 10 } } }).jpeg().toBuffer();

describe('MediaService', () => {
  let storage: MemoryStorage;
  let media: MediaService;

  beforeEach(() => {
    storage = new MemoryStorage();
    media = new MediaService(storage);
  });

  it('stores three WebP variants per image under their content-hash keys', async () => {
    const { images } = await media.storeImages([await colour(10), await colour(200)]);
    expect(images).toHaveLength(2);
    expect(images[0]?.contentHash).not.toBe(images[1]?.contentHash);
    const expectedKeys = images.flatMap((image) => Object.values(imageKeys(image.contentHash))).sort();
    expect([...storage.objects.keys()].sort()).toEqual(expectedKeys);
    for (const object of storage.objects.values()) expect(object.contentType).toBe('image/webp');
    expect(images[0]).toMatchObject({ width: 64, height: 48 });
  });

  it('writes nothing when any file is refused, even after a valid one', async () => {
    const error: unknown = await media.storeImages([await colour(10), Buffer.from('%PDF-1.4 not an image')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', options: { errors: [{ field: 'files[1]' }] } });
    expect(storage.puts).toEqual([]);
  });

  it('rolls back only the files it wrote, keeping those another record already had', async () => {
    const shared = await colour(10);
    const first = await media.storeImages([shared]);
    const sharedKeys = Object.values(imageKeys(first.images[0]?.contentHash ?? ''));

    const second = await media.storeImages([shared, await colour(99)]);
    const newKeys = Object.values(imageKeys(second.images[1]?.contentHash ?? ''));
    expect(storage.puts.slice(3).sort()).toEqual([...newKeys].sort()); // the shared picture was not rewritten

    await second.rollback();
    expect([...storage.objects.keys()].sort()).toEqual([...sharedKeys].sort());
    await second.rollback(); // idempotent
    expect(storage.objects.size).toBe(3);
  });

  it('removes what it wrote when a write fails part-way, and reports the failure', async () => {
    storage.failPutsAfter = 4; // the first image's three variants and one of the second's
    const error: unknown = await media.storeImages([await colour(10), await colour(200)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors.map(String)).toEqual(['Error: disk full', 'Error: disk full']);
    expect(storage.puts).toHaveLength(4);
    expect(storage.objects.size).toBe(0);
  });

  it('reports a single failed write as itself', async () => {
    storage.failPutsAfter = 2;
    await expect(media.storeImages([await colour(10)])).rejects.toThrow(/^disk full$/);
    expect(storage.objects.size).toBe(0);
  });

  it('deletes every variant of an image and builds its URLs from the driver', async () => {
    const { images } = await media.storeImages([await colour(10)]);
    const hash = images[0]?.contentHash ?? '';
    const keys = imageKeys(hash);
    expect(media.urlsFor(hash)).toEqual({
      thumbUrl: `https://media.example.test/${keys.thumb}`,
      mediumUrl: `https://media.example.test/${keys.medium}`,
      largeUrl: `https://media.example.test/${keys.large}`,
    });
    // Built once and shared: nobody may change them for the next caller.
    expect(Object.isFrozen(media.urlsFor(hash))).toBe(true);
    expect(() => media.urlsFor('not-a-hash')).toThrow(/content hash/);
    await media.deleteImage(hash);
    expect(storage.objects.size).toBe(0);
  });
});
