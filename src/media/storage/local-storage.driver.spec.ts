import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import fc from 'fast-check';
import { LocalStorageDriver, resolveInside, UnsafeStorageKey } from './local-storage.driver';

const ROOT = '/srv/etalase/uploads';

describe('resolveInside (path traversal guard)', () => {
  it('resolves keys to files inside the root', () => {
    expect(resolveInside(ROOT, 'images/ab/abc/large.webp')).toBe(`${ROOT}/images/ab/abc/large.webp`);
    expect(resolveInside(`${ROOT}/`, 'a')).toBe(`${ROOT}/a`);
    // Harmless `..` that stays inside is still inside.
    expect(resolveInside(ROOT, 'images/x/../y.webp')).toBe(`${ROOT}/images/y.webp`);
  });

  it.each([
    ['parent directory', '../package.json'],
    ['deep escape', 'images/../../etc/passwd'],
    ['sibling with the root as prefix', '../uploads-other/x'],
    ['absolute path', '/etc/passwd'],
    ['the root itself', '.'],
    ['the root via ..', 'images/..'],
    ['empty key', ''],
    ['NUL byte', 'images/a\0.webp'],
    ['backslash', 'images\\..\\..\\x'],
  ])('refuses a %s', (_label, key) => {
    expect(() => resolveInside(ROOT, key)).toThrow(UnsafeStorageKey);
  });

  it('never returns a path outside the root, whatever the key', () => {
    const segment = fc.constantFrom('..', '.', '', 'images', 'a', '%2e%2e', 'uploads', '..a', '/');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (parts) => {
        const key = parts.join('/');
        try {
          expect(resolveInside(ROOT, key).startsWith(`${ROOT}${sep}`)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(UnsafeStorageKey);
        }
      }),
    );
  });
});

describe('LocalStorageDriver', () => {
  let root: string;
  let driver: LocalStorageDriver;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'etalase-local-storage-'));
    driver = new LocalStorageDriver(root, 'https://api.example.test');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('writes, finds and deletes a file, leaving no temp files or empty directories', async () => {
    const key = 'images/ab/abcdef/thumb.webp';
    expect(await driver.exists(key)).toBe(false);
    await driver.put(key, Buffer.from('first'), 'image/webp');
    await driver.put(key, Buffer.from('second'), 'image/webp');
    expect(await driver.exists(key)).toBe(true);
    expect(await readFile(join(root, key), 'utf8')).toBe('second');
    expect(await readdir(join(root, 'images/ab/abcdef'))).toEqual(['thumb.webp']);

    await driver.put('images/ab/abcdef/large.webp', Buffer.from('large'), 'image/webp');
    await driver.delete(key);
    expect(await driver.exists(key)).toBe(false);
    expect(await readdir(join(root, 'images/ab/abcdef'))).toEqual(['large.webp']);
    await driver.delete('images/ab/abcdef/large.webp');
    expect(await readdir(root)).toEqual([]);
    await expect(driver.delete(key)).resolves.toBeUndefined();
  });

  it('reads an object back whole, and null for one that is not there (or is a directory)', async () => {
    await driver.put('derived/ab/abcdef.jpg', Buffer.from('jpeg bytes'), 'image/jpeg');
    expect((await driver.get('derived/ab/abcdef.jpg'))?.toString()).toBe('jpeg bytes');
    expect(await driver.get('derived/ab/missing.jpg')).toBeNull();
    expect(await driver.get('derived/ab')).toBeNull();
    await expect(driver.get('../outside')).rejects.toThrow(UnsafeStorageKey);
  });

  it('does not report a directory as an existing object', async () => {
    await driver.put('images/ab/abcdef/thumb.webp', Buffer.from('x'), 'image/webp');
    expect(await driver.exists('images/ab')).toBe(false);
    expect(await driver.exists('images/ab/abcdef/thumb.webp/deeper')).toBe(false);
  });

  it('refuses keys outside its root for every operation and touches nothing', async () => {
    const outside = join(root, '..', `${root.split(sep).pop() ?? ''}-victim.txt`);
    await writeFile(outside, 'keep me');
    try {
      const key = `../${outside.split(sep).pop() ?? ''}`;
      await expect(driver.put(key, Buffer.from('overwritten'), 'image/webp')).rejects.toThrow(UnsafeStorageKey);
      await expect(driver.exists(key)).rejects.toThrow(UnsafeStorageKey);
      await expect(driver.delete(key)).rejects.toThrow(UnsafeStorageKey);
      expect(await readFile(outside, 'utf8')).toBe('keep me');
    } finally {
      await rm(outside, { force: true });
    }
  });

  it('serves keys under publicBaseUrl/media', () => {
    expect(driver.publicUrl('images/ab/abcdef/thumb.webp')).toBe('https://api.example.test/media/images/ab/abcdef/thumb.webp');
  });

  it('lists the files under a prefix with their mtimes, temporary ones included, one directory after another', async () => {
    for (const key of ['images/cd/cdef/thumb.webp', 'images/ab/abcd/thumb.webp', 'images/ab/abcd/large.webp', 'elsewhere/x.txt']) {
      await driver.put(key, Buffer.from(key), 'image/webp');
    }
    await writeFile(join(root, 'images/ab/abcd/.0123abcd.tmp'), 'half a picture'); // a write killed mid-way
    const old = new Date('2020-01-02T03:04:05.000Z');
    await utimes(join(root, 'images/ab/abcd/large.webp'), old, old);
    await mkdir(join(root, 'images/ef/empty'), { recursive: true });

    const listed = [];
    for await (const object of driver.list('images/')) listed.push(object);
    expect(listed.map((object) => object.key)).toEqual([
      'images/ab/abcd/.0123abcd.tmp',
      'images/ab/abcd/large.webp',
      'images/ab/abcd/thumb.webp',
      'images/cd/cdef/thumb.webp',
    ]);
    expect(listed[1]?.modifiedAt.toISOString()).toBe(old.toISOString());
  });

  it('lists nothing under a prefix that does not exist, and refuses one outside its root', async () => {
    const listed = [];
    for await (const object of driver.list('images/')) listed.push(object);
    expect(listed).toEqual([]);
    await expect(driver.list('../')[Symbol.asyncIterator]().next()).rejects.toThrow(UnsafeStorageKey);
  });
});
