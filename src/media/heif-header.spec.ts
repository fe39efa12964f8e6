import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { heifPrimarySize } from './heif-header';

const HEIC = join(__dirname, '..', '..', 'test', 'fixtures', 'heic');

/** A box: 32-bit size, four-letter type, payload. */
function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}
const u8 = (...values: number[]): Buffer => Buffer.from(values);
const u16 = (value: number): Buffer => Buffer.from([value >> 8, value & 0xff]);
function u32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value);
  return out;
}
const FULL = u32(0); // version 0, flags 0
const ispe = (width: number, height: number): Buffer => box('ispe', FULL, u32(width), u32(height));

/** A HEIF skeleton: item 2 is primary and has the second property; item 1 (a tile) the first. */
function crafted(primary: { width: number; height: number }): Buffer {
  const ipco = box('ipco', ispe(512, 512), ispe(primary.width, primary.height));
  const ipma = box('ipma', FULL, u32(2), u16(1), u8(1, 0x81), u16(2), u8(1, 0x02));
  const meta = box('meta', FULL, box('hdlr', FULL, u32(0), Buffer.from('pict'), Buffer.alloc(13)), box('pitm', FULL, u16(2)), box('iprp', ipco, ipma));
  return Buffer.concat([box('ftyp', Buffer.from('heic'), u32(0), Buffer.from('mif1heic')), meta]);
}

describe('heifPrimarySize', () => {
  it("reads the primary item's declared size, not another item's", () => {
    expect(heifPrimarySize(crafted({ width: 8000, height: 7000 }))).toEqual({ width: 8000, height: 7000 });
  });

  it('reads the fixtures: an iPhone-style photo and a bomb that declares 8000x7000 in 491 bytes', () => {
    expect(heifPrimarySize(readFileSync(join(HEIC, 'DSCN0010.heic')))).toEqual({ width: 640, height: 480 });
    const bomb = readFileSync(join(HEIC, 'bomb-8000x7000.heic'));
    expect(bomb.length).toBeLessThan(1024);
    expect(heifPrimarySize(bomb)).toEqual({ width: 8000, height: 7000 });
  });

  it('gives null for a truncated or box-less file instead of throwing', () => {
    const whole = crafted({ width: 10, height: 10 });
    for (const cut of [0, 12, 40, whole.length - 6]) expect(heifPrimarySize(whole.subarray(0, cut))).toBeNull();
    expect(heifPrimarySize(Buffer.from('not a heif file at all'))).toBeNull();
  });
});
