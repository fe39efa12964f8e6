/**
 * The size a HEIF/HEIC file declares for its primary image, read from its boxes (ISO/IEC 23008-12:
 * `meta` > `pitm` names the primary item, `iprp` > `ipma` ties it to properties in `ipco`, one of
 * them `ispe` with width and height). Nothing is decoded: this is how a decompression bomb (a tiny
 * file that declares 8000x7000) is refused before any memory goes to its pixels.
 * Returns null when the structure cannot be read; the caller then treats the file as unreadable.
 */
export interface HeifSize {
  width: number;
  height: number;
}

interface Box {
  type: string;
  /** Offset of the box's payload (after size and type). */
  start: number;
  end: number;
}

function* boxes(buffer: Buffer, from: number, to: number): Generator<Box> {
  let offset = from;
  while (offset + 8 <= to) {
    let size = buffer.readUInt32BE(offset);
    const type = buffer.toString('latin1', offset + 4, offset + 8);
    let header = 8;
    if (size === 1) {
      if (offset + 16 > to) return;
      const large = buffer.readBigUInt64BE(offset + 8);
      if (large > BigInt(to - offset)) return;
      size = Number(large);
      header = 16;
    } else if (size === 0) {
      size = to - offset;
    }
    if (size < header || offset + size > to) return;
    yield { type, start: offset + header, end: offset + size };
    offset += size;
  }
}

function child(buffer: Buffer, parent: { start: number; end: number }, type: string, skip = 0): Box | undefined {
  for (const box of boxes(buffer, parent.start + skip, parent.end)) if (box.type === type) return box;
  return undefined;
}

/** Property indexes (1-based, into ipco) associated with `itemId`. */
function associations(buffer: Buffer, ipma: Box, itemId: number): number[] {
  const version = buffer.readUInt8(ipma.start);
  const flags = buffer.readUIntBE(ipma.start + 1, 3);
  let at = ipma.start + 4;
  const need = (bytes: number): void => {
    if (at + bytes > ipma.end) throw new RangeError('ipma truncated');
  };
  need(4);
  const count = buffer.readUInt32BE(at);
  at += 4;
  for (let entry = 0; entry < count; entry += 1) {
    const idBytes = version < 1 ? 2 : 4;
    need(idBytes + 1);
    const id = idBytes === 2 ? buffer.readUInt16BE(at) : buffer.readUInt32BE(at);
    at += idBytes;
    const n = buffer.readUInt8(at);
    at += 1;
    const wide = (flags & 1) === 1;
    const indexes: number[] = [];
    for (let k = 0; k < n; k += 1) {
      need(wide ? 2 : 1);
      indexes.push(wide ? buffer.readUInt16BE(at) & 0x7fff : buffer.readUInt8(at) & 0x7f);
      at += wide ? 2 : 1;
    }
    if (id === itemId) return indexes;
  }
  return [];
}

export function heifPrimarySize(buffer: Buffer): HeifSize | null {
  try {
    const meta = [...boxes(buffer, 0, buffer.length)].find((box) => box.type === 'meta');
    if (!meta) return null;
    // meta is a full box: 4 bytes of version and flags before its children.
    const pitm = child(buffer, meta, 'pitm', 4);
    const iprp = child(buffer, meta, 'iprp', 4);
    if (!pitm || !iprp) return null;
    const primary = buffer.readUInt8(pitm.start) === 0 ? buffer.readUInt16BE(pitm.start + 4) : buffer.readUInt32BE(pitm.start + 4);
    const ipco = child(buffer, iprp, 'ipco');
    const ipma = child(buffer, iprp, 'ipma');
    if (!ipco || !ipma) return null;
    const properties = [...boxes(buffer, ipco.start, ipco.end)];
    for (const index of associations(buffer, ipma, primary)) {
      const property = properties[index - 1];
      // ispe: full box header (4), then width and height as 32-bit integers.
      if (property?.type === 'ispe' && property.start + 12 <= property.end) {
        return { width: buffer.readUInt32BE(property.start + 4), height: buffer.readUInt32BE(property.start + 8) };
      }
    }
    return null;
  } catch {
    return null; // a read past the end: the file is damaged
  }
}
