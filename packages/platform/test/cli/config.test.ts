import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv, ENVIRONMENT } from '../../src/config.js';

describe('BANKBRIDGE_DB_SCHEMA', () => {
  it('is unset by default, and taken as given when it is a plain identifier', () => {
    expect(configFromEnv({}).databaseSchema).toBeUndefined();
    expect(configFromEnv({ BANKBRIDGE_DB_SCHEMA: 'tenant_a1' }).databaseSchema).toBe('tenant_a1');
  });

  it.each(['x;drop schema public', 'a b', 'a,public', '1abc', '"quoted"', 'x'.repeat(64)])(
    'refuses %j, which would reach search_path',
    (value) => {
      expect(() => configFromEnv({ BANKBRIDGE_DB_SCHEMA: value })).toThrow(ConfigError);
    },
  );

  it('is listed with the other variables', () => {
    expect(ENVIRONMENT.map((v) => v.name)).toContain('BANKBRIDGE_DB_SCHEMA');
  });
});
