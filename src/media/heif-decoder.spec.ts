import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHeif, HeifTooLarge, HeifUnreadable, stopHeifDecoder } from './heif-decoder';

const HEIC = join(__dirname, '..', '..', 'test', 'fixtures', 'heic');

describe('decodeHeif (libheif in a worker thread)', () => {
  const photo = readFileSync(join(HEIC, 'DSCN0010.heic'));
  afterAll(() => stopHeifDecoder());

  it('decodes photos handed in together, one after the other, to RGBA of their size', async () => {
    const [first, second] = await Promise.all([decodeHeif(photo, 50_000_000), decodeHeif(photo, 50_000_000)]);
    for (const image of [first, second]) expect({ width: image.width, height: image.height, bytes: image.rgba.length }).toEqual({ width: 640, height: 480, bytes: 640 * 480 * 4 });
    // The caller's buffer is its own still: the worker got a copy.
    expect(photo.toString('latin1', 4, 12)).toBe('ftypheic');
  });

  it('refuses more pixels than allowed as libheif reads them, and bytes libheif cannot read', async () => {
    await expect(decodeHeif(photo, 640 * 480 - 1)).rejects.toBeInstanceOf(HeifTooLarge);
    await expect(decodeHeif(photo.subarray(0, 20_000), 50_000_000)).rejects.toBeInstanceOf(HeifUnreadable);
    await expect(decodeHeif(Buffer.from('not a heif file'), 50_000_000)).rejects.toBeInstanceOf(HeifUnreadable);
  });

  it('starts a new worker after being stopped', async () => {
    await stopHeifDecoder();
    await expect(decodeHeif(photo, 50_000_000)).resolves.toMatchObject({ width: 640, height: 480 });
  });
});
