import { createHash } from 'node:crypto';
import { networkIdentity } from '../../orders/client-identity.js';

/**
 * A visitor as seen on one day: SHA-256 over the day's random salt, the client's network
 * identity (checkout's: the IPv4 address or IPv6 /64, from `req.ip`, which honours TRUST_PROXY)
 * and its User-Agent. With the salt deleted after 48 hours nothing can link the hash back to an
 * address or to the same person on another day.
 */
export function visitorIdentity(ip: string | undefined, userAgent: string | undefined): string {
  return `${networkIdentity(ip)}\n${userAgent ?? ''}`;
}

export function visitorHash(salt: Buffer, identity: string): Buffer {
  return createHash('sha256').update(salt).update(identity).digest();
}
