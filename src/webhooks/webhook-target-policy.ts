import { BlockList, isIP } from 'node:net';

/**
 * Where webhooks may go. In production: HTTPS only, and never to private, loopback, link-local,
 * carrier-grade NAT, multicast or otherwise reserved addresses (no SSRF into our own network or a
 * cloud metadata endpoint). In development and tests, plain HTTP and loopback are allowed so a
 * local receiver works; other private ranges stay refused everywhere.
 */
export interface TargetPolicy {
  production: boolean;
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

const NEVER = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NEVER.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['64:ff9b::', 96],
] as const) {
  NEVER.addSubnet(network, prefix, 'ipv6');
}

/** `::ffff:10.0.0.1` is 10.0.0.1: judge the IPv4 address inside. */
function unmapped(address: string): string {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match?.[1] ?? address;
}

/** Why an address may not receive webhooks, or null when it may. */
export function refusedAddress(address: string, policy: TargetPolicy): string | null {
  const ip = unmapped(address);
  const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  if (isIP(ip) === 0) return `${address} is not an IP address`;
  if (LOOPBACK.check(ip, family)) return policy.production ? `${address} is a loopback address` : null;
  if (NEVER.check(ip, family)) return `${address} is a private, link-local or reserved address`;
  return null;
}

/** Why a URL may not receive webhooks (before any DNS lookup), or null. */
export function refusedUrl(raw: string, policy: TargetPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !policy.production)) {
    return policy.production ? 'must use https' : 'must use http or https';
  }
  if (url.username || url.password) return 'must not carry credentials';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return refusedAddress(host, policy);
  if (policy.production && (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal'))) {
    return `${host} is a local name`;
  }
  return null;
}
