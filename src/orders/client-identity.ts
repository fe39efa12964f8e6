import { createHash, createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/**
 * Who is checking out, as far as the hoarding limits care. Shoppers are anonymous, so an
 * anonymous client is its network address and the e-mail it gives; a partner is the partner
 * (all its keys together: a new key must not buy a new quota).
 */
export type CheckoutHolder =
  | { kind: 'anonymous'; ipHash: string; emailKey: string }
  | { kind: 'partner'; partnerId: string };

/**
 * The part of an address one client controls: an IPv4 address, or the /64 prefix of an IPv6 one
 * (a single subscriber is usually handed a whole /64, so counting full IPv6 addresses would let
 * it rotate through 2^64 of them). IPv4-mapped IPv6 (`::ffff:1.2.3.4`) counts as the IPv4.
 */
export function networkIdentity(ip: string | undefined): string {
  const address = (ip ?? '').trim().toLowerCase().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped?.[1] && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(address)) return address;
  if (isIPv6(address)) return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
  return 'unknown';
}

/** The eight 16-bit groups of an IPv6 address, `::` and a trailing dotted quad expanded. */
function expandIPv6(address: string): string[] {
  let text = address;
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::', 2);
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? [] : Array.from({ length: 8 - left.length - right.length }, () => '0');
  return [...left, ...fill, ...right].map((group) => group.padStart(4, '0'));
}

/**
 * One mailbox however it is spelled: case, surrounding space, a `+tag` (sub-addressing, which
 * most providers deliver to the same inbox) and, at Gmail, dots in the local part.
 */
export function normaliseEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return trimmed;
  let local = trimmed.slice(0, at);
  let domain = trimmed.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com') local = local.replaceAll('.', '');
  return `${local}@${domain}`;
}

/**
 * Keyed hashes of client identities, as stored on the order (UU PDP: the raw address is never
 * kept, and without the key a hash cannot be matched to an address by trying them all). The key
 * is derived from the app secret with a purpose label, so it is never the secret itself.
 */
export class ClientHasher {
  private readonly key: Buffer;

  constructor(appSecret: string) {
    this.key = createHmac('sha256', appSecret).update('etalase/checkout-client-identity/v1').digest();
  }

  ipHash(ip: string | undefined): string {
    return this.hash(`ip:${networkIdentity(ip)}`);
  }

  emailKey(email: string): string {
    return this.hash(`email:${normaliseEmail(email)}`);
  }

  private hash(value: string): string {
    return createHmac('sha256', this.key).update(value).digest('hex');
  }
}

/** A 64-bit advisory lock id for an identity (PostgreSQL takes a signed bigint). */
export function advisoryLockId(identity: string): bigint {
  return createHash('sha256').update(`checkout-hold:${identity}`).digest().readBigInt64BE(0);
}
