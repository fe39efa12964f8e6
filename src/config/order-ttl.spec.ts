import { AppConfig } from './app-config';
import { ConfigError, parseEnvironment } from './environment';

const config = (env: NodeJS.ProcessEnv): AppConfig => new AppConfig(parseEnvironment(env), { jwtSecret: 'x'.repeat(40) });

describe('ORDER_TTL_MINUTES', () => {
  it('defaults to 60 and takes minutes from 5 to a week', () => {
    expect(config({}).orderTtlMinutes).toBe(60);
    expect(config({ ORDER_TTL_MINUTES: '30' }).orderTtlMinutes).toBe(30);
    expect(() => parseEnvironment({ ORDER_TTL_MINUTES: '0' })).toThrow(ConfigError);
    expect(() => parseEnvironment({ ORDER_TTL_MINUTES: 'soon' })).toThrow(ConfigError);
  });
});
