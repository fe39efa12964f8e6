import { randomBytes } from 'node:crypto';
import { mkdir, opendir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { StorageDriver, StoredObject } from './storage-driver.js';

/** A key that would leave the storage root (or is not a key at all). Keys are ours, so this is a bug or an attack. */
export class UnsafeStorageKey extends Error {
  constructor(key: string) {
    super(`Refusing storage key ${JSON.stringify(key)}: it does not name a file inside the storage root`);
    this.name = 'UnsafeStorageKey';
  }
}

/**
 * The absolute path of `key` under `root`, or UnsafeStorageKey. Checked on the resolved path, so
 * `..`, absolute keys and anything else that escapes are all caught the same way.
 */
export function resolveInside(root: string, key: string): string {
  if (key.length === 0 || key.includes('\0') || key.includes('\\') || isAbsolute(key)) throw new UnsafeStorageKey(key);
  const base = resolve(root);
  const path = resolve(base, key);
  const inside = relative(base, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || !path.startsWith(base + sep)) throw new UnsafeStorageKey(key);
  return path;
}

/** Stores media as files under a directory the app serves at `/media` (see app.factory.ts). */
export class LocalStorageDriver implements StorageDriver {
  private readonly root: string;

  constructor(
    root: string,
    private readonly publicBaseUrl: string,
  ) {
    this.root = resolve(root);
  }

  /**
   * Written to a dot-file beside the target and renamed into place: readers see all or nothing, and
   * a crash mid-write leaves only the dot-file, which the media sweep removes (isTemporaryKey).
   */
  async put(key: string, body: Buffer, _contentType: string): Promise<void> {
    const path = resolveInside(this.root, key);
    const temp = join(dirname(path), `.${randomBytes(8).toString('hex')}.tmp`);
    // A concurrent delete may prune the (then empty) directory between mkdir and write: retry once.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(temp, body, { flag: 'wx' });
        await rename(temp, path);
        return;
      } catch (error) {
        await rm(temp, { force: true });
        if (attempt >= 2 || !hasCode(error, 'ENOENT')) throw error;
      }
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(resolveInside(this.root, key))).isFile();
    } catch (error) {
      if (hasCode(error, 'ENOENT') || hasCode(error, 'ENOTDIR')) return false;
      throw error;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(resolveInside(this.root, key));
    } catch (error) {
      if (hasCode(error, 'ENOENT') || hasCode(error, 'ENOTDIR') || hasCode(error, 'EISDIR')) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const path = resolveInside(this.root, key);
    await rm(path, { force: true });
    await this.pruneEmptyParents(dirname(path));
  }

  publicUrl(key: string): string {
    return `${this.publicBaseUrl}/media/${key}`;
  }

  /** Files only (with their mtime), depth first, one directory at a time; a missing prefix lists nothing. */
  async *list(prefix: string): AsyncIterable<StoredObject> {
    const directory = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
    yield* this.walk(resolveInside(this.root, directory), `${directory}/`);
  }

  private async *walk(path: string, keyPrefix: string): AsyncIterable<StoredObject> {
    const names: { name: string; isDirectory: boolean }[] = [];
    try {
      // Names first, then recurse: an open directory handle per level would pile up on a deep walk.
      for await (const entry of await opendir(path)) {
        if (entry.isDirectory() || entry.isFile()) names.push({ name: entry.name, isDirectory: entry.isDirectory() });
      }
    } catch (error) {
      if (hasCode(error, 'ENOENT') || hasCode(error, 'ENOTDIR')) return; // deleted meanwhile, or never made
      throw error;
    }
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const { name, isDirectory } of names) {
      const child = join(path, name);
      if (isDirectory) {
        yield* this.walk(child, `${keyPrefix}${name}/`);
        continue;
      }
      const modifiedAt = await stat(child).then(
        (stats) => stats.mtime,
        (error: unknown) => {
          if (hasCode(error, 'ENOENT')) return undefined; // renamed or deleted since the directory was read
          throw error;
        },
      );
      if (modifiedAt) yield { key: `${keyPrefix}${name}`, modifiedAt };
    }
  }

  /** Removes directories the delete left empty, up to (not including) the root. */
  private async pruneEmptyParents(directory: string): Promise<void> {
    for (let current = directory; current.startsWith(this.root + sep); current = dirname(current)) {
      try {
        await rmdir(current);
      } catch {
        return; // not empty (or already gone): leave it and everything above it
      }
    }
  }
}

/** Not `instanceof Error`: errors from Node's fs may come from another realm (as under jest). */
function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}
