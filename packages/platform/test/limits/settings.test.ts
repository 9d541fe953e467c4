/** BANKBRIDGE_PROFILE and BANKBRIDGE_RATE_LIMIT: the profiles' limits, the syntax, the refusals. */
import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv, ENVIRONMENT } from '../../src/config.js';
import { describePolicy, parseRateLimit } from '../../src/http/rate-limit.js';

describe('the profiles', () => {
  it('sandbox (the default): 100 requests a minute, at most 50 of them in 10 seconds', () => {
    for (const env of [{}, { BANKBRIDGE_PROFILE: 'sandbox' }]) {
      const config = configFromEnv(env);
      expect(config.profile).toBe('sandbox');
      expect(config.rateLimit).toEqual({
        window: { limit: 100, seconds: 60 },
        burst: { limit: 50, seconds: 10 },
      });
    }
  });

  it('production: 1,000 requests a minute', () => {
    const config = configFromEnv({ BANKBRIDGE_PROFILE: 'production' });
    expect(config.profile).toBe('production');
    expect(describePolicy(config.rateLimit)).toBe('1000/min');
  });

  it('BANKBRIDGE_RATE_LIMIT wins over the profile', () => {
    const config = configFromEnv({
      BANKBRIDGE_PROFILE: 'production',
      BANKBRIDGE_RATE_LIMIT: 'off',
    });
    expect(config.rateLimit).toBeUndefined();
    expect(
      describePolicy(configFromEnv({ BANKBRIDGE_RATE_LIMIT: '300/5min,20/s' }).rateLimit),
    ).toBe('300/5min,20/1s');
  });

  it('refuses an unknown profile', () => {
    expect(() => configFromEnv({ BANKBRIDGE_PROFILE: 'staging' })).toThrow(
      /BANKBRIDGE_PROFILE must be sandbox or production/,
    );
  });

  it('are listed with the other variables', () => {
    const names = ENVIRONMENT.map((v) => v.name);
    expect(names).toContain('BANKBRIDGE_PROFILE');
    expect(names).toContain('BANKBRIDGE_RATE_LIMIT');
  });
});

describe('BANKBRIDGE_RATE_LIMIT', () => {
  it.each([
    ['100/min', { window: { limit: 100, seconds: 60 } }],
    ['1000/60s', { window: { limit: 1000, seconds: 60 } }],
    ['100/min,50/10s', { window: { limit: 100, seconds: 60 }, burst: { limit: 50, seconds: 10 } }],
    [
      ' 10 / 2min , 3/30s ',
      { window: { limit: 10, seconds: 120 }, burst: { limit: 3, seconds: 30 } },
    ],
    ['OFF', undefined],
  ])('reads %j', (raw, expected) => {
    const policy = parseRateLimit(raw);
    if (expected === undefined) return expect(policy).toBeUndefined();
    expect(policy).toEqual({ burst: expected.window, ...expected });
  });

  it.each([
    ['100', /not <count>\/<seconds>s/],
    ['100/hour', /not <count>\/<seconds>s/],
    ['0/min', /at least 1/],
    ['10/min,5/7s', /divide it/],
    ['10/10s,5/min', /shorter than the main window/],
    ['10/min,10/10s', /burst limit must be lower/],
    ['1/min,1/10s,1/s', /at most two limits/],
    ['5/2000min', /1 s to 1 day/],
  ])('refuses %j', (raw, message) => {
    expect(() => configFromEnv({ BANKBRIDGE_RATE_LIMIT: raw })).toThrow(ConfigError);
    expect(() => configFromEnv({ BANKBRIDGE_RATE_LIMIT: raw })).toThrow(message);
  });
});
