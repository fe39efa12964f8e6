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

/**
 * An amount Stripe reports that we did not choose (a refund typed into the dashboard, what a
 * PaymentIntent collected): whole rupiah, a stray fraction of a rupiah dropped rather than failing
 * the webhook for ever.
 */
export function stripeAmountToWholeRupiah(minor: number): number {
  if (!Number.isSafeInteger(minor) || minor < 0) throw new RangeError(`Expected a non-negative Stripe amount, got ${minor}`);
  return Math.floor(minor / MINOR_UNITS_PER_RUPIAH);
}
