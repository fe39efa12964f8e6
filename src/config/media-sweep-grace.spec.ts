import { AppConfig } from './app-config';
import { ConfigError, parseEnvironment } from './environment';

const config = (env: NodeJS.ProcessEnv): AppConfig => new AppConfig(parseEnvironment(env), { jwtSecret: 'x'.repeat(40) });

describe('MEDIA_SWEEP_GRACE_MINUTES', () => {
  it('defaults to an hour and takes 5 minutes to 30 days', () => {
    expect(config({}).media.sweepGraceMinutes).toBe(60);
    expect(config({ MEDIA_SWEEP_GRACE_MINUTES: '15' }).media.sweepGraceMinutes).toBe(15);
    // Shorter than a slow upload's write-and-commit would let the sweep race it for temporary files.
    expect(() => parseEnvironment({ MEDIA_SWEEP_GRACE_MINUTES: '1' })).toThrow(ConfigError);
    expect(() => parseEnvironment({ MEDIA_SWEEP_GRACE_MINUTES: 'soon' })).toThrow(ConfigError);
  });
});
