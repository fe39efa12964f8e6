import { isWellFormedStripeSignature } from './stripe-signature-header';

const HEX = 'a'.repeat(64);

describe('Stripe-Signature header shape', () => {
  it.each([`t=1700000000,v1=${HEX}`, `t=1700000000,v1=${HEX},v0=${'b'.repeat(64)}`, `t=1700000000,v1=${HEX},v1=${'C'.repeat(64)}`, `t=1700000000, v1=${HEX}`])(
    'accepts %j',
    (header) => {
      expect(isWellFormedStripeSignature(header)).toBe(true);
    },
  );

  it.each([
    ['an empty v1', 't=1700000000,v1='],
    ['an empty v1 beside a good one', `t=1700000000,v1=${HEX},v1=`],
    ['no v1', 't=1700000000'],
    ['only v0', `t=1700000000,v0=${HEX}`],
    ['no timestamp', `v1=${HEX}`],
    ['two timestamps', `t=1,t=2,v1=${HEX}`],
    ['a timestamp that is not a number', `t=abc,v1=${HEX}`],
    ['a short signature', 't=1700000000,v1=abc'],
    ['a signature that is not hex', `t=1700000000,v1=${'z'.repeat(64)}`],
    ['an item without =', `t=1700000000,v1=${HEX},junk`],
    ['nothing', ''],
  ])('refuses %s', (_label, header) => {
    expect(isWellFormedStripeSignature(header)).toBe(false);
  });
});
