/**
 * Whether a `Stripe-Signature` header has the shape Stripe sends: `t=<unix seconds>` once and at
 * least one `v1=<64 hex digits>` (other schemes such as v0 are ignored, as Stripe's SDK does).
 *
 * The SDK does not check this itself: an empty `v1=` reaches its constant-time compare, which
 * throws a plain Error instead of a signature error, and that would answer 500 to anyone.
 */
export function isWellFormedStripeSignature(header: string): boolean {
  let timestamps = 0;
  let signatures = 0;
  for (const item of header.split(',')) {
    const separator = item.indexOf('=');
    if (separator < 0) return false;
    const key = item.slice(0, separator).trim();
    const value = item.slice(separator + 1).trim();
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value)) return false;
      timestamps += 1;
    }
    if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(value)) return false;
      signatures += 1;
    }
  }
  return timestamps === 1 && signatures > 0;
}
