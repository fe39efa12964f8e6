import { BlockList, isIP } from 'node:net';

/**
 * What an IP address is, for deciding whether a server-side request may go there. Pure: one
 * classifier serves registration (URLs with IP literals) and the socket's own DNS lookup.
 *
 * - `public`: globally reachable unicast.
 * - `loopback`: this host (127/8, ::1, and ::ffff:127.x, which is the same socket on a dual stack).
 * - `refused`: anything else: private, link-local, CGNAT, multicast, reserved, documentation,
 *   and IPv6 forms that carry an IPv4 address (IPv4-compatible, NAT64, 6to4, Teredo) when the
 *   IPv4 inside is not public. Such a form is never treated as loopback: it is not this host,
 *   it is a way to reach whatever the IPv4 inside names through a relay or translator.
 */
export type AddressClass = { kind: 'public' } | { kind: 'loopback' } | { kind: 'refused'; reason: string };

const V4_NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", incl. 0.0.0.0 which Linux connects to as loopback
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24],
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  V4_NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}

const V4_LOOPBACK = new BlockList();
V4_LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');

/** Global unicast is 2000::/3; these parts of it are not reachable on the public internet. */
const V6_GLOBAL = new BlockList();
V6_GLOBAL.addSubnet('2000::', 3, 'ipv6');
const V6_SPECIAL_IN_GLOBAL = new BlockList();
for (const [network, prefix] of [
  ['2001::', 23], // IETF protocol assignments (benchmarking, ORCHID, ...); Teredo is decoded first
  ['2001:db8::', 32], // documentation
  ['3fff::', 20], // documentation (RFC 9637)
] as const) {
  V6_SPECIAL_IN_GLOBAL.addSubnet(network, prefix, 'ipv6');
}

/** Classifies one IP address (no brackets); anything that is not an address is refused. */
export function classifyAddress(address: string): AddressClass {
  if (address.includes('%')) return refused(`${address} is a scoped (link-local) address`);
  const family = isIP(address);
  if (family === 4) return classifyV4(address);
  if (family === 6) return classifyV6(address);
  return refused(`${address} is not an IP address`);
}

function classifyV4(address: string): AddressClass {
  if (V4_LOOPBACK.check(address, 'ipv4')) return { kind: 'loopback' };
  if (V4_NOT_PUBLIC.check(address, 'ipv4')) return refused(`${address} is a private, link-local or reserved address`);
  return { kind: 'public' };
}

function classifyV6(address: string): AddressClass {
  const bytes = ipv6Bytes(address);
  const word = (i: number): number => ((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0);
  const v4At = (offset: number, mask = 0): string => [0, 1, 2, 3].map((i) => ((bytes[offset + i] ?? 0) ^ mask) & 0xff).join('.');
  const zeros = (from: number, to: number): boolean => bytes.slice(from, to).every((b) => b === 0);

  // ::ffff:a.b.c.d is how a dual-stack socket spells IPv4: it is that IPv4 address.
  if (zeros(0, 10) && word(5) === 0xffff) return classifyV4(v4At(12));
  if (zeros(0, 15) && bytes[15] === 1) return { kind: 'loopback' };
  if (zeros(0, 16)) return refused(`${address} is the unspecified address`);
  // ::a.b.c.d (IPv4-compatible, deprecated since 2006): no legitimate receiver uses it.
  if (zeros(0, 12)) return refused(`${address} is an IPv4-compatible address (embeds ${v4At(12)})`);
  if (word(0) === 0x64 && word(1) === 0xff9b && word(2) === 1) return refused(`${address} is a local-use NAT64 address`);
  if (word(0) === 0x64 && word(1) === 0xff9b && zeros(4, 12)) return embedding(address, 'NAT64', [v4At(12)]);
  if (word(0) === 0x2002) return embedding(address, '6to4', [v4At(2)]);
  // Teredo: the server's IPv4 in bits 32-63, the client's in the last 32 bits, inverted.
  if (word(0) === 0x2001 && word(1) === 0) return embedding(address, 'Teredo', [v4At(4), v4At(12, 0xff)]);
  if (!V6_GLOBAL.check(address, 'ipv6') || V6_SPECIAL_IN_GLOBAL.check(address, 'ipv6')) {
    return refused(`${address} is a private, link-local, multicast or reserved address`);
  }
  return { kind: 'public' };
}

/** A tunnelling or translation form is as good as the IPv4 addresses it leads to, loopback included. */
function embedding(address: string, form: string, embedded: string[]): AddressClass {
  for (const v4 of embedded) {
    if (classifyV4(v4).kind !== 'public') return refused(`${address} is a ${form} address that embeds ${v4}, which is not a public address`);
  }
  return { kind: 'public' };
}

function refused(reason: string): AddressClass {
  return { kind: 'refused', reason };
}

/** The 16 bytes of an IPv6 address that `isIP` already accepted (so the syntax is known good). */
function ipv6Bytes(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const words = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return words.flatMap((w) => {
    const value = Number.parseInt(w, 16);
    return [value >> 8, value & 0xff];
  });
}
