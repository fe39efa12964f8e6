import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { refusedAddress, type TargetPolicy } from './webhook-target-policy.js';

export interface PostOutcome {
  status: number;
}

export class TargetRefused extends Error {}

/**
 * Checks every address a host name resolves to at connect time with the same classifier that
 * judged the URL at registration, inside the socket's own lookup:
 * the address connected to is the address checked, so DNS rebinding between a check and the
 * connection cannot slip through.
 */
function guardedLookup(policy: TargetPolicy): LookupFunction {
  return (hostname, options: LookupOptions, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refusal = addresses.map((a) => refusedAddress(a.address, policy)).find((reason) => reason !== null);
      if (refusal || addresses.length === 0) return callback(new TargetRefused(`${hostname} resolves to a refused address: ${refusal ?? 'none'}`), '', 0);
      if (options.all) return (callback as unknown as (err: null, all: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses;
      callback(null, first?.address ?? '', first?.family ?? 4);
    });
  };
}

/**
 * POSTs a webhook body: no redirects followed (a 3xx is a failure, not an invitation elsewhere),
 * the response body discarded, everything over after `timeoutMs`.
 */
export function postWebhook(target: string, body: string, headers: Record<string, string>, policy: TargetPolicy, timeoutMs: number): Promise<PostOutcome> {
  const url = new URL(target);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    const refusal = refusedAddress(host, policy);
    if (refusal) return Promise.reject(new TargetRefused(refusal));
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(policy),
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        response.on('error', reject);
        response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
        response.resume();
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
