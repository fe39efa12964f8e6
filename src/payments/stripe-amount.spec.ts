import { rupiahToStripeAmount, stripeAmountToRupiah, stripeAmountToWholeRupiah } from './stripe-amount';

describe('rupiah <-> Stripe IDR minor units', () => {
  it.each([
    [0, 0],
    [1, 100],
    [150_000, 15_000_000],
    [12_345_678, 1_234_567_800],
  ])('Rp%d is %d at Stripe, and back', (rupiah, minor) => {
    expect(rupiahToStripeAmount(rupiah)).toBe(minor);
    expect(stripeAmountToRupiah(minor)).toBe(rupiah);
  });

  it.each([1.5, 0.01, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER])('refuses Rp%d', (rupiah) => {
    expect(() => rupiahToStripeAmount(rupiah)).toThrow(RangeError);
  });

  it.each([150, 1, 99.5, -100, Number.NaN])('refuses %d minor units (not whole rupiah)', (minor) => {
    expect(() => stripeAmountToRupiah(minor)).toThrow(RangeError);
  });

  it.each([
    [0, 0],
    [99, 0],
    [15_000_050, 150_000],
    [15_000_000, 150_000],
  ])('reads %d minor units reported by Stripe as Rp%d, dropping a fraction of a rupiah', (minor, rupiah) => {
    expect(stripeAmountToWholeRupiah(minor)).toBe(rupiah);
  });

  it.each([-100, 1.5, Number.NaN])('refuses %d minor units reported by Stripe', (minor) => {
    expect(() => stripeAmountToWholeRupiah(minor)).toThrow(RangeError);
  });
});
