/**
 * IDR is not a zero-decimal currency at Stripe: amounts travel in hundredths of a rupiah, so
 * Rp150.000 is sent as 15000000. Only whole rupiah cross this boundary.
 */
const MINOR_UNITS_PER_RUPIAH = 100;

export function rupiahToStripeAmount(rupiah: number): number {
  if (!Number.isSafeInteger(rupiah) || rupiah < 0) {
    throw new RangeError(`Expected a whole, non-negative rupiah amount, got ${rupiah}`);
  }
  const minor = rupiah * MINOR_UNITS_PER_RUPIAH;
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Rupiah amount ${rupiah} is too large for Stripe`);
  return minor;
}

export function stripeAmountToRupiah(minor: number): number {
  if (!Number.isSafeInteger(minor) || minor < 0 || minor % MINOR_UNITS_PER_RUPIAH !== 0) {
    throw new RangeError(`Expected a Stripe IDR amount in whole rupiah (a multiple of 100), got ${minor}`);
  }
  return minor / MINOR_UNITS_PER_RUPIAH;
}
