import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { decodeHeif } from './heif-decoder';
import { processImage } from './image-pipeline';

// The decoder (a worker thread) stands in here: what matters is when the pipeline asks it.
jest.mock('./heif-decoder', () => ({ decodeHeif: jest.fn(), HeifTooLarge: class HeifTooLarge extends Error {} }));
const decode = jest.mocked(decodeHeif);

const HEIC = join(__dirname, '..', '..', 'test', 'fixtures', 'heic');

describe('processImage with HEIC', () => {
  beforeEach(() => decode.mockReset());

  it('refuses a HEIC that declares 8000x7000 with PAYLOAD_TOO_LARGE without handing it to the decoder', async () => {
    await expect(processImage(readFileSync(join(HEIC, 'bomb-8000x7000.heic')), 'files[0]')).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      options: { errors: [{ field: 'files[0]', message: 'has more than 50 megapixels' }] },
    });
    expect(decode).not.toHaveBeenCalled();
  });

  it('hands a HEIC within the limit to the decoder, with the limit, and encodes the opaque RGBA it returns without alpha', async () => {
    const rgba = await sharp({ create: { width: 64, height: 48, channels: 4, background: { r: 200, g: 30, b: 30, alpha: 1 } } }).raw().toBuffer();
    decode.mockResolvedValue({ width: 64, height: 48, rgba });
    const image = await processImage(readFileSync(join(HEIC, 'DSCN0010.heic')));
    expect(decode).toHaveBeenCalledWith(expect.any(Buffer), 50_000_000);
    expect({ width: image.width, height: image.height }).toEqual({ width: 64, height: 48 });
    const meta = await sharp(image.variants.large).metadata();
    expect({ format: meta.format, hasAlpha: meta.hasAlpha }).toEqual({ format: 'webp', hasAlpha: false });
  });

  it('answers VALIDATION_FAILED when the decoder cannot read the file', async () => {
    decode.mockRejectedValue(new Error('Could not parse HEIF file'));
    await expect(processImage(readFileSync(join(HEIC, 'DSCN0010.heic')), 'files[1]')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', options: { errors: [{ field: 'files[1]' }] } });
  });
});
