import { crc32 } from 'node:zlib';

/**
 * The ETag Express puts on every body it sends (`app.set('etag', weakEtag)`): a weak validator, as
 * the OpenAPI document describes it, from the body's length and CRC-32.
 *
 * Express's own hashes the whole body with SHA-1 on every response, about 20 µs of CPU for a
 * 35 KB catalog page (issue 18); CRC-32 takes about 6. A weak validator only has to change when the
 * body does, and a CRC-32 is certain to change for any edit confined to 32 consecutive bits (a
 * stock count or a price rewritten in place, the usual change to a catalog page); the length
 * catches most of the rest. Only a body of the same length that differs more widely could keep
 * its ETag, one time in 2^32: a client would then revalidate to a 304 and keep its copy until
 * the page changes again or its cache lets it go (a minute for catalog reads).
 */
export function weakEtag(body: Buffer | string, encoding?: BufferEncoding): string {
  // Express hands over the Buffer it is about to send; a string is encoded as it would be sent.
  const bytes = typeof body === 'string' ? Buffer.from(body, encoding) : body;
  return `W/"${bytes.length.toString(16)}-${crc32(bytes).toString(16)}"`;
}
