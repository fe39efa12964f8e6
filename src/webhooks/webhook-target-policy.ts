import { isIP } from 'node:net';
import { classifyAddress } from './ip-address-class.js';

/**
 * Where webhooks may go. In production: HTTPS only, to public names and public addresses (no
 * SSRF into our own network or a cloud metadata endpoint). In development and tests, plain HTTP,
 * loopback and local names are allowed so a local receiver works; private ranges and addresses
 * that tunnel to them stay refused everywhere.
 */
export interface TargetPolicy {
  production: boolean;
}

/**
 * Suffixes that never name a public host: RFC 6761/6762/8375 special-use names and the
 * conventions cloud and cluster networks use for their internal DNS.
 */
const LOCAL_SUFFIXES = ['localhost', 'local', 'internal', 'localdomain', 'home.arpa', 'lan', 'intranet', 'corp', 'private'];

/** Why an address may not receive webhooks, or null when it may. */
export function refusedAddress(address: string, policy: TargetPolicy): string | null {
  const verdict = classifyAddress(address);
  switch (verdict.kind) {
    case 'public':
      return null;
    case 'loopback':
      return policy.production ? `${address} is a loopback address` : null;
    case 'refused':
      return verdict.reason;
  }
}

/** Why a host name (not an address) may not receive webhooks, or null. */
export function refusedHostName(hostname: string, policy: TargetPolicy): string | null {
  // DNS treats `localhost.` and `localhost` alike; so must we.
  const name = hostname.toLowerCase().replace(/\.+$/, '');
  if (name === '') return `${hostname} is not a host name`;
  if (!policy.production) return null;
  if (!name.includes('.')) return `${hostname} is a local name (a public host name has a dot)`;
  if (LOCAL_SUFFIXES.some((suffix) => name === suffix || name.endsWith(`.${suffix}`))) return `${hostname} is a local name`;
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
  return isIP(host) ? refusedAddress(host, policy) : refusedHostName(host, policy);
}
