import { AppConfig } from './app-config';
import { ConfigError, parseEnvironment } from './environment';

const config = (env: NodeJS.ProcessEnv): AppConfig => new AppConfig(parseEnvironment(env), { jwtSecret: 'x'.repeat(40) });

describe('checkout limits (stock hoarding)', () => {
  it('has defaults that hold a hoarder to a few small orders', () => {
    expect(config({}).checkout).toEqual({
      maxQuantityPerProduct: 10,
      anonymousTtlMinutes: 30,
      maxUnpaidPerIp: 5,
      maxUnpaidPerEmail: 3,
      maxUnpaidPerPartner: 200,
      maxAttemptsPerIp: 20,
      maxAttemptsPerPartner: 600,
      attemptsWindowSeconds: 600,
    });
    expect(config({}).orderTtlMinutes).toBe(60);
  });

  it('takes each setting from the environment', () => {
    const limits = config({
      ORDER_MAX_QUANTITY_PER_PRODUCT: '25',
      ORDER_TTL_ANONYMOUS_MINUTES: '15',
      CHECKOUT_MAX_UNPAID_PER_IP: '8',
      CHECKOUT_MAX_UNPAID_PER_EMAIL: '2',
      CHECKOUT_MAX_UNPAID_PER_PARTNER: '1000',
      CHECKOUT_MAX_ATTEMPTS_PER_IP: '40',
      CHECKOUT_MAX_ATTEMPTS_PER_PARTNER: '5000',
      CHECKOUT_ATTEMPTS_WINDOW_SECONDS: '3600',
    }).checkout;
    expect(limits).toEqual({
      maxQuantityPerProduct: 25,
      anonymousTtlMinutes: 15,
      maxUnpaidPerIp: 8,
      maxUnpaidPerEmail: 2,
      maxUnpaidPerPartner: 1000,
      maxAttemptsPerIp: 40,
      maxAttemptsPerPartner: 5000,
      attemptsWindowSeconds: 3600,
    });
  });

  it('never holds anonymous orders longer than partner orders', () => {
    expect(config({ ORDER_TTL_MINUTES: '20' }).checkout.anonymousTtlMinutes).toBe(20);
    expect(config({ ORDER_TTL_MINUTES: '20', ORDER_TTL_ANONYMOUS_MINUTES: '45' }).checkout.anonymousTtlMinutes).toBe(20);
  });

  it('refuses limits that would switch the protection off or make no sense', () => {
    for (const [name, value] of [
      ['ORDER_MAX_QUANTITY_PER_PRODUCT', '0'],
      ['ORDER_MAX_QUANTITY_PER_PRODUCT', '1000'],
      ['ORDER_TTL_ANONYMOUS_MINUTES', '1'],
      ['CHECKOUT_MAX_UNPAID_PER_IP', '0'],
      ['CHECKOUT_MAX_UNPAID_PER_EMAIL', 'many'],
      ['CHECKOUT_MAX_UNPAID_PER_PARTNER', '-1'],
      ['CHECKOUT_MAX_ATTEMPTS_PER_IP', '0'],
      ['CHECKOUT_MAX_ATTEMPTS_PER_PARTNER', '1.5'],
      ['CHECKOUT_ATTEMPTS_WINDOW_SECONDS', '5'],
    ] as const) {
      expect(() => parseEnvironment({ [name]: value })).toThrow(ConfigError);
      expect(() => parseEnvironment({ [name]: value })).toThrow(new RegExp(`^Invalid configuration: ${name} `));
    }
  });
});
