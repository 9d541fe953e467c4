import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv, ENVIRONMENT } from '../../src/config.js';
import { SANDBOX_CREDENTIALS } from '../../src/connectors/index.js';
import { createLogger } from '../../src/logging/logger.js';
import { storeOptionsFor } from '../../src/store/open-store.js';

describe('BANKBRIDGE_DB_PREPARED_STATEMENTS', () => {
  it('is on by default and turned off with false', () => {
    expect(configFromEnv({}).databasePreparedStatements).toBe(true);
    const off = configFromEnv({ BANKBRIDGE_DB_PREPARED_STATEMENTS: 'false' });
    expect(off.databasePreparedStatements).toBe(false);
    expect(storeOptionsFor(off).preparedStatements).toBe(false);
  });

  it('refuses what is neither true nor false', () => {
    expect(() => configFromEnv({ BANKBRIDGE_DB_PREPARED_STATEMENTS: 'sometimes' })).toThrow(
      'BANKBRIDGE_DB_PREPARED_STATEMENTS must be true or false',
    );
  });

  it('is listed with the other variables', () => {
    expect(ENVIRONMENT.map((v) => v.name)).toContain('BANKBRIDGE_DB_PREPARED_STATEMENTS');
  });
});

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

describe('BANKBRIDGE_BANK_CLIENT_ID and BANKBRIDGE_BANK_CLIENT_SECRET', () => {
  it("default to the sandbox banks' credentials", () => {
    expect(configFromEnv({}).bankCredentials).toEqual(SANDBOX_CREDENTIALS);
    expect(configFromEnv({}).bankCredentials).not.toBe(SANDBOX_CREDENTIALS);
  });

  it('are taken together as given', () => {
    const config = configFromEnv({
      BANKBRIDGE_BANK_CLIENT_ID: 'bb-prod',
      BANKBRIDGE_BANK_CLIENT_SECRET: 's3cr3t-value',
    });
    expect(config.bankCredentials).toEqual({ clientId: 'bb-prod', clientSecret: 's3cr3t-value' });
  });

  it.each([
    { BANKBRIDGE_BANK_CLIENT_ID: 'bb-prod' },
    { BANKBRIDGE_BANK_CLIENT_SECRET: 's3cr3t-value' },
    { BANKBRIDGE_BANK_CLIENT_ID: 'bb-prod', BANKBRIDGE_BANK_CLIENT_SECRET: '' },
  ])('refuses one without the other: %j', (env) => {
    expect(() => configFromEnv(env)).toThrow(ConfigError);
    expect(() => configFromEnv(env)).toThrow(
      /BANKBRIDGE_BANK_CLIENT_ID.*BANKBRIDGE_BANK_CLIENT_SECRET/,
    );
  });

  it('never puts the secret in the error', () => {
    expect(() => configFromEnv({ BANKBRIDGE_BANK_CLIENT_SECRET: 's3cr3t-value' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cr3t-value') }),
    );
  });

  it('keeps the secret out of the logs when the configuration is logged', () => {
    const config = configFromEnv({
      BANKBRIDGE_BANK_CLIENT_ID: 'bb-prod',
      BANKBRIDGE_BANK_CLIENT_SECRET: 's3cr3t-value',
      BANKBRIDGE_SECRET_KEY: 'master-secret-0123456789abcdef-0123456789',
    });
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (line: string) => lines.push(line) } });
    logger.info({ config }, 'configuration');
    logger.info(config, 'configuration');
    logger.info({ credentials: config.bankCredentials }, 'connector options');
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).toContain('bb-prod');
      expect(line).not.toContain('s3cr3t-value');
      expect(line).not.toContain('master-secret');
    }
  });
});

describe('BANKBRIDGE_BANK_TIMEOUT_MS', () => {
  it('is 10 seconds by default', () => {
    expect(configFromEnv({}).bankTimeoutMs).toBe(10_000);
  });

  it.each([
    ['100', 100],
    ['2500', 2500],
    ['120000', 120_000],
  ])('takes %s', (raw, value) => {
    expect(configFromEnv({ BANKBRIDGE_BANK_TIMEOUT_MS: raw }).bankTimeoutMs).toBe(value);
  });

  it.each(['99', '120001', '0', '-5', '1.5', '1e4', '10s', ' 100', 'abc'])('refuses %j', (raw) => {
    expect(() => configFromEnv({ BANKBRIDGE_BANK_TIMEOUT_MS: raw })).toThrow(
      /BANKBRIDGE_BANK_TIMEOUT_MS must be an integer \(100-120000\)/,
    );
  });
});

describe('BANKBRIDGE_CONSENT_AUTHORISATION_TIMEOUT', () => {
  it('is 30 minutes by default', () => {
    expect(configFromEnv({}).consentAuthorisationTimeoutSeconds).toBe(1800);
  });

  it.each([
    ['60', 60],
    ['300', 300],
    ['86400', 86_400],
  ])('takes %s seconds', (raw, value) => {
    expect(
      configFromEnv({ BANKBRIDGE_CONSENT_AUTHORISATION_TIMEOUT: raw })
        .consentAuthorisationTimeoutSeconds,
    ).toBe(value);
  });

  it.each(['59', '86401', '0', '-60', '90.5', '30m', 'never'])('refuses %j', (raw) => {
    expect(() => configFromEnv({ BANKBRIDGE_CONSENT_AUTHORISATION_TIMEOUT: raw })).toThrow(
      ConfigError,
    );
    expect(() => configFromEnv({ BANKBRIDGE_CONSENT_AUTHORISATION_TIMEOUT: raw })).toThrow(
      /BANKBRIDGE_CONSENT_AUTHORISATION_TIMEOUT must be an integer \(60-86400\)/,
    );
  });
});

describe('BANKBRIDGE_REPLAY_WINDOW_HOURS', () => {
  it('is 24 hours by default', () => {
    expect(configFromEnv({}).replayWindowHours).toBe(24);
  });

  it.each([
    ['1', 1],
    ['48', 48],
    ['168', 168],
  ])('takes %s hours', (raw, value) => {
    expect(configFromEnv({ BANKBRIDGE_REPLAY_WINDOW_HOURS: raw }).replayWindowHours).toBe(value);
  });

  it.each(['0', '169', '-1', '1.5', '24h'])('refuses %j', (raw) => {
    expect(() => configFromEnv({ BANKBRIDGE_REPLAY_WINDOW_HOURS: raw })).toThrow(
      /BANKBRIDGE_REPLAY_WINDOW_HOURS must be an integer \(1-168\)/,
    );
  });

  it('is listed with the other variables', () => {
    expect(ENVIRONMENT.map((v) => v.name)).toContain('BANKBRIDGE_REPLAY_WINDOW_HOURS');
  });
});

describe('BANKBRIDGE_REPLAY_TAKEOVER_SECONDS', () => {
  const takeover = (env: Record<string, string>) => configFromEnv(env).replayTakeoverSeconds;

  it('is a minute by default, or three bank timeouts and 5 s where that is longer', () => {
    expect(takeover({})).toBe(60);
    expect(takeover({ BANKBRIDGE_BANK_TIMEOUT_MS: '30000' })).toBe(95);
    expect(takeover({ BANKBRIDGE_BANK_TIMEOUT_MS: '1000' })).toBe(60);
  });

  it('takes any value down to three bank timeouts and 5 s', () => {
    expect(takeover({ BANKBRIDGE_REPLAY_TAKEOVER_SECONDS: '35' })).toBe(35);
    expect(
      takeover({ BANKBRIDGE_BANK_TIMEOUT_MS: '1000', BANKBRIDGE_REPLAY_TAKEOVER_SECONDS: '8' }),
    ).toBe(8);
    expect(
      takeover({ BANKBRIDGE_BANK_TIMEOUT_MS: '1500', BANKBRIDGE_REPLAY_TAKEOVER_SECONDS: '10' }),
    ).toBe(10);
  });

  it('refuses a shorter wait, which could run a request still running a second time', () => {
    expect(() => takeover({ BANKBRIDGE_REPLAY_TAKEOVER_SECONDS: '34' })).toThrow(
      /BANKBRIDGE_REPLAY_TAKEOVER_SECONDS must be at least 35 with BANKBRIDGE_BANK_TIMEOUT_MS=10000/,
    );
    expect(() =>
      takeover({ BANKBRIDGE_BANK_TIMEOUT_MS: '1500', BANKBRIDGE_REPLAY_TAKEOVER_SECONDS: '9' }),
    ).toThrow(ConfigError);
  });

  it.each(['0', '3601', '-5', '1.5', '60s'])('refuses %j', (raw) => {
    expect(() => takeover({ BANKBRIDGE_REPLAY_TAKEOVER_SECONDS: raw })).toThrow(
      /BANKBRIDGE_REPLAY_TAKEOVER_SECONDS must be an integer \(1-3600\)/,
    );
  });

  it('is listed with the other variables', () => {
    expect(ENVIRONMENT.map((v) => v.name)).toContain('BANKBRIDGE_REPLAY_TAKEOVER_SECONDS');
  });
});

describe('BANKBRIDGE_CONSENT_SWEEP_SECONDS', () => {
  it('is a minute by default', () => {
    expect(configFromEnv({}).events.consentSweepSeconds).toBe(60);
  });

  it('takes 1 to 3600 seconds and refuses the rest', () => {
    const seconds = (raw: string) =>
      configFromEnv({ BANKBRIDGE_CONSENT_SWEEP_SECONDS: raw }).events.consentSweepSeconds;
    expect(seconds('1')).toBe(1);
    expect(seconds('3600')).toBe(3600);
    for (const raw of ['0', '3601', '1.5', '1m']) {
      expect(() => seconds(raw)).toThrow(
        /BANKBRIDGE_CONSENT_SWEEP_SECONDS must be an integer \(1-3600\)/,
      );
    }
  });
});

describe('the bank and consent variables', () => {
  it('are listed with the other variables', () => {
    const names = ENVIRONMENT.map((v) => v.name);
    for (const name of [
      'BANKBRIDGE_BANK_CLIENT_ID',
      'BANKBRIDGE_BANK_CLIENT_SECRET',
      'BANKBRIDGE_BANK_TIMEOUT_MS',
      'BANKBRIDGE_CONSENT_AUTHORISATION_TIMEOUT',
    ]) {
      expect(names).toContain(name);
    }
  });
});
