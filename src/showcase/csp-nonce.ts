import { randomFillSync } from 'node:crypto';

const NONCE_BYTES = 16;
const POOL_BYTES = 4096;

const pool = Buffer.alloc(POOL_BYTES);
let used = POOL_BYTES;

/**
 * A fresh Content-Security-Policy nonce: 16 bytes from the CSPRNG, base64. The bytes come from a
 * pool filled 4 KB at a time and are never handed out twice, as Node does for randomUUID():
 * `randomBytes(16)` for every page cost about 7 µs of CPU (a call into OpenSSL each time), the
 * pool under 0.2 µs (issue 18).
 */
export function nextCspNonce(): string {
  if (used + NONCE_BYTES > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const nonce = pool.toString('base64', used, used + NONCE_BYTES);
  used += NONCE_BYTES;
  return nonce;
}
