import path from 'node:path';
import { type BankCredentials, SANDBOX_CREDENTIALS } from './connectors/bank-hooks.js';
import { BANK_WORK_LIMIT_DEFAULTS, type BankWorkPolicies } from './http/bank-work-limit.js';
import {
  type Profile,
  parseRateLimit,
  RATE_LIMIT_PROFILES,
  type RateLimitPolicy,
} from './http/rate-limit.js';

/** Everything an operator can set, read once from the environment at start. */
export interface Config {
  /** Interface the servers bind to. */
  host: string;
  apiPort: number;
  authPort: number;
  sandboxPort: number;
  /** Public base URLs, as TPPs and browsers reach them (behind a balancer they differ from host:port). */
  apiUrl: string;
  authUrl: string;
  sandboxUrl: string;
  /** Start the bundled sandbox banks in the same process. */
  sandbox: boolean;
  /** The kind of environment; it picks the defaults that differ (the rate limits). */
  profile: Profile;
  /** Requests each client may make, shared by all instances; undefined when off. */
  rateLimit: RateLimitPolicy | undefined;
  /** Consents started from unauthenticated pages (consent page, demo app), per source and client. */
  bankWorkLimits: BankWorkPolicies;
  /** PostgreSQL when set; otherwise the embedded SQLite file in dataDir. */
  databaseUrl: string | undefined;
  /** PostgreSQL schema to keep the tables in; unset uses the connection's search_path. */
  databaseSchema: string | undefined;
  /** Name PostgreSQL statements so each connection plans them once; off behind some poolers. */
  databasePreparedStatements: boolean;
  dataDir: string;
  registryPath: string | undefined;
  secretKey: string | undefined;
  logLevel: string;
  trustProxy: boolean;
  /** Bankbridge's identity at every bank's Berlin Group API. */
  bankCredentials: BankCredentials;
  /** Deadline of one bank call, retries included. */
  bankTimeoutMs: number;
  /**
   * Per-bank circuit breaker: after `failures` failed calls in a row the bank is not called
   * for `coolDownSeconds`; 0 failures turns it off.
   */
  bankBreaker: { failures: number; coolDownSeconds: number };
  /** How long a consent may stay `received` before it becomes `rejected`. */
  consentAuthorisationTimeoutSeconds: number;
  /** How long a payment may await SCA before it is rejected (RJCT). */
  paymentAuthorisationTimeoutSeconds: number;
  /**
   * How long a TPP's retry with the same X-Request-ID gets the first answer again (POST, PUT
   * and DELETE on /psd2, psd2/request-replay.ts).
   */
  replayWindowHours: number;
  /**
   * After how long a first request still unanswered counts as abandoned by an instance that
   * died, so that its retry runs it (psd2/request-replay.ts).
   */
  replayTakeoverSeconds: number;
  /** HTTPS for both servers: PEM files of the server certificate (with its chain) and key. */
  tls: { certPath: string; keyPath: string } | undefined;
  /**
   * PEM file of the certificate authorities whose TPP certificates (QWACs) are accepted. Set, a
   * TPP certificate is required on /connect and /psd2 (production mode, src/certificates/).
   */
  tlsClientCaPath: string | undefined;
  /** Header in which a TLS-terminating proxy passes the TPP certificate (needs trustProxy). */
  clientCertHeader: string | undefined;
  /**
   * Every client must send a PKCE S256 challenge at both authorization endpoints (FAPI 2.0).
   * Off by default: the integration guide's redirect flow sends none (auth/pkce-policy.ts).
   */
  requirePkce: boolean;
  /** Events and webhooks (src/events/). */
  events: EventSettings;
  /** Probes, metrics, traces and shutdown (src/operations/). */
  operations: OperationsSettings;
}

export interface OperationsSettings {
  /** After SIGTERM: seconds answering not-ready while still serving, so the balancer moves on. */
  shutdownDelaySeconds: number;
  /** After SIGTERM: the bound on finishing in-flight requests, bank calls and background work. */
  shutdownTimeoutSeconds: number;
  /** Prometheus metrics at /metrics on this port; undefined: off. */
  metricsPort: number | undefined;
  metricsHost: string;
  /** OTLP/HTTP traces endpoint (OTEL_EXPORTER_OTLP_ENDPOINT); undefined: tracing off. */
  otlpEndpoint: string | undefined;
}

export interface EventSettings {
  /** One delivery attempt's deadline. */
  webhookTimeoutMs: number;
  /**
   * Plain http and loopback receivers are allowed: for tests and local development only, never
   * with the production profile.
   */
  webhookLoopback: boolean;
  /** How long before a consent's validUntil ends its expiry notice goes out; 0: none. */
  consentExpiryNoticeHours: number;
  /** Open payments are polled at their bank until this old; 0: no polling. */
  paymentStatusPollHours: number;
  /**
   * How often the consent sweep runs: consents whose time ran out with nobody reading them
   * (expired, SCA not finished in time) change status, and their bank-side consents end.
   */
  consentSweepSeconds: number;
  /** Events and finished deliveries are kept this long. */
  retentionDays: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

export { ENVIRONMENT } from './config-environment.js';

export function configFromEnv(env: Env = process.env, cwd = process.cwd()): Config {
  const host = env.BANKBRIDGE_HOST ?? '127.0.0.1';
  const apiPort = port(env, 'BANKBRIDGE_API_PORT', 8080);
  const authPort = port(env, 'BANKBRIDGE_AUTH_PORT', 8081);
  const sandboxPort = port(env, 'BANKBRIDGE_SANDBOX_PORT', 8082);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// URL (leave it unset for SQLite)');
  }
  const databaseSchema = env.BANKBRIDGE_DB_SCHEMA || undefined;
  if (databaseSchema && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(databaseSchema)) {
    throw new ConfigError(
      `BANKBRIDGE_DB_SCHEMA must be a plain PostgreSQL identifier (letters, digits, _), got ${JSON.stringify(databaseSchema)}`,
    );
  }
  const tls = tlsSettings(env, cwd);
  const scheme = tls.tls ? 'https' : 'http';
  const bankTimeoutMs = integer(env, 'BANKBRIDGE_BANK_TIMEOUT_MS', 10_000, 100, 120_000);
  return {
    host,
    apiPort,
    authPort,
    sandboxPort,
    apiUrl: url(env, 'BANKBRIDGE_API_URL', `${scheme}://localhost:${apiPort}`),
    authUrl: url(env, 'BANKBRIDGE_AUTH_URL', `${scheme}://localhost:${authPort}`),
    sandboxUrl: url(env, 'BANKBRIDGE_SANDBOX_URL', `http://localhost:${sandboxPort}`),
    sandbox: bool(env, 'BANKBRIDGE_SANDBOX', true),
    ...rateLimitSettings(env),
    bankWorkLimits: {
      source: policy(env, 'BANKBRIDGE_PAGE_LIMIT_SOURCE', BANK_WORK_LIMIT_DEFAULTS.source),
      client: policy(env, 'BANKBRIDGE_PAGE_LIMIT_CLIENT', BANK_WORK_LIMIT_DEFAULTS.client),
    },
    databaseUrl,
    databaseSchema,
    databasePreparedStatements: bool(env, 'BANKBRIDGE_DB_PREPARED_STATEMENTS', true),
    dataDir: path.resolve(cwd, env.BANKBRIDGE_DATA_DIR ?? 'data'),
    registryPath: env.BANKBRIDGE_REGISTRY ? path.resolve(cwd, env.BANKBRIDGE_REGISTRY) : undefined,
    secretKey: env.BANKBRIDGE_SECRET_KEY || undefined,
    logLevel: logLevel(env.BANKBRIDGE_LOG_LEVEL ?? 'info'),
    trustProxy: bool(env, 'BANKBRIDGE_TRUST_PROXY', false),
    requirePkce: bool(env, 'BANKBRIDGE_REQUIRE_PKCE', false),
    bankCredentials: bankCredentials(env),
    bankTimeoutMs,
    bankBreaker: {
      failures: integer(env, 'BANKBRIDGE_BANK_BREAKER_FAILURES', 5, 0, 1000),
      coolDownSeconds: integer(env, 'BANKBRIDGE_BANK_BREAKER_COOLDOWN', 30, 1, 3600),
    },
    consentAuthorisationTimeoutSeconds: integer(
      env,
      'BANKBRIDGE_CONSENT_AUTHORISATION_TIMEOUT',
      1800,
      60,
      86_400,
    ),
    paymentAuthorisationTimeoutSeconds: integer(
      env,
      'BANKBRIDGE_PAYMENT_AUTHORISATION_TIMEOUT',
      1800,
      60,
      86_400,
    ),
    replayWindowHours: integer(env, 'BANKBRIDGE_REPLAY_WINDOW_HOURS', 24, 1, 168),
    replayTakeoverSeconds: replayTakeoverSeconds(env, bankTimeoutMs),
    ...tls,
    events: eventSettings(env, profileOf(env)),
    operations: operationsSettings(env, host),
  };
}

function operationsSettings(env: Env, host: string): OperationsSettings {
  const metricsPort = env.BANKBRIDGE_METRICS_PORT
    ? port(env, 'BANKBRIDGE_METRICS_PORT', 0)
    : undefined;
  return {
    shutdownDelaySeconds: integer(env, 'BANKBRIDGE_SHUTDOWN_DELAY', 0, 0, 300),
    shutdownTimeoutSeconds: integer(env, 'BANKBRIDGE_SHUTDOWN_TIMEOUT', 30, 1, 600),
    metricsPort,
    metricsHost: env.BANKBRIDGE_METRICS_HOST || host,
    otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT
      ? url(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', '')
      : undefined,
  };
}

function eventSettings(env: Env, profile: Profile): EventSettings {
  const webhookLoopback = bool(env, 'BANKBRIDGE_WEBHOOK_LOOPBACK', false);
  // A production platform calling loopback or plain http would turn webhooks into a way into
  // its own host.
  if (webhookLoopback && profile === 'production') {
    throw new ConfigError(
      'BANKBRIDGE_WEBHOOK_LOOPBACK is for tests and development: it is refused with BANKBRIDGE_PROFILE=production',
    );
  }
  return {
    webhookTimeoutMs: integer(env, 'BANKBRIDGE_WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
    webhookLoopback,
    consentExpiryNoticeHours: integer(env, 'BANKBRIDGE_CONSENT_EXPIRY_NOTICE_HOURS', 168, 0, 2160),
    paymentStatusPollHours: integer(env, 'BANKBRIDGE_PAYMENT_STATUS_POLL_HOURS', 144, 0, 720),
    consentSweepSeconds: integer(env, 'BANKBRIDGE_CONSENT_SWEEP_SECONDS', 60, 1, 3600),
    retentionDays: integer(env, 'BANKBRIDGE_EVENT_RETENTION_DAYS', 30, 1, 3650),
  };
}

function profileOf(env: Env): Profile {
  return (env.BANKBRIDGE_PROFILE || 'sandbox').toLowerCase() as Profile;
}

/** Production mode's TLS settings; what must go together is checked here, the files at start. */
function tlsSettings(
  env: Env,
  cwd: string,
): Pick<Config, 'tls' | 'tlsClientCaPath' | 'clientCertHeader'> {
  const file = (name: string) => (env[name] ? path.resolve(cwd, env[name]) : undefined);
  const certPath = file('BANKBRIDGE_TLS_CERT');
  const keyPath = file('BANKBRIDGE_TLS_KEY');
  const tlsClientCaPath = file('BANKBRIDGE_TLS_CLIENT_CA');
  const clientCertHeader = env.BANKBRIDGE_CLIENT_CERT_HEADER || undefined;
  if (Boolean(certPath) !== Boolean(keyPath)) {
    throw new ConfigError('BANKBRIDGE_TLS_CERT and BANKBRIDGE_TLS_KEY must be set together');
  }
  if (clientCertHeader) {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(clientCertHeader)) {
      throw new ConfigError(
        `BANKBRIDGE_CLIENT_CERT_HEADER must be a header name, got ${JSON.stringify(clientCertHeader)}`,
      );
    }
    // Anyone can send a header: it is believed only from a proxy that is the only way in.
    if (!bool(env, 'BANKBRIDGE_TRUST_PROXY', false)) {
      throw new ConfigError(
        'BANKBRIDGE_CLIENT_CERT_HEADER is only honoured behind a trusted proxy: set BANKBRIDGE_TRUST_PROXY=true too',
      );
    }
    if (!tlsClientCaPath) {
      throw new ConfigError(
        'BANKBRIDGE_CLIENT_CERT_HEADER needs BANKBRIDGE_TLS_CLIENT_CA, the CAs to check the certificates against',
      );
    }
  } else if (tlsClientCaPath && !certPath) {
    throw new ConfigError(
      'BANKBRIDGE_TLS_CLIENT_CA needs HTTPS (BANKBRIDGE_TLS_CERT and BANKBRIDGE_TLS_KEY) or, behind a TLS-terminating proxy, BANKBRIDGE_CLIENT_CERT_HEADER',
    );
  }
  return {
    tls: certPath && keyPath ? { certPath, keyPath } : undefined,
    tlsClientCaPath,
    clientCertHeader,
  };
}

function rateLimitSettings(env: Env): Pick<Config, 'profile' | 'rateLimit'> {
  const profile = (env.BANKBRIDGE_PROFILE || 'sandbox').toLowerCase();
  if (!Object.hasOwn(RATE_LIMIT_PROFILES, profile)) {
    throw new ConfigError(
      `BANKBRIDGE_PROFILE must be sandbox or production, got ${JSON.stringify(env.BANKBRIDGE_PROFILE)}`,
    );
  }
  const raw = env.BANKBRIDGE_RATE_LIMIT || RATE_LIMIT_PROFILES[profile as Profile];
  const rateLimit = parseRateLimit(raw);
  if (typeof rateLimit === 'string') {
    throw new ConfigError(`BANKBRIDGE_RATE_LIMIT ${JSON.stringify(raw)}: ${rateLimit}`);
  }
  return { profile: profile as Profile, rateLimit };
}

function policy(env: Env, name: string, fallback: string): RateLimitPolicy | undefined {
  const raw = env[name] || fallback;
  const parsed = parseRateLimit(raw);
  if (typeof parsed === 'string')
    throw new ConfigError(`${name} ${JSON.stringify(raw)}: ${parsed}`);
  return parsed;
}

/**
 * A request makes a few bank calls at most, each bounded by the bank timeout: a first request
 * unanswered for longer than three of them and a margin belongs to an instance that died. Taking
 * it over sooner could run a request that is still running a second time.
 */
function replayTakeoverSeconds(env: Env, bankTimeoutMs: number): number {
  const least = Math.ceil((3 * bankTimeoutMs + 5_000) / 1000);
  const name = 'BANKBRIDGE_REPLAY_TAKEOVER_SECONDS';
  if (!env[name]) return Math.max(60, least);
  const value = integer(env, name, 60, 1, 3600);
  if (value < least) {
    throw new ConfigError(
      `${name} must be at least ${least} with BANKBRIDGE_BANK_TIMEOUT_MS=${bankTimeoutMs} (3 bank timeouts and 5 s: sooner, a retry could run a request that is still running), got ${value}`,
    );
  }
  return value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer (${min}-${max}), got ${JSON.stringify(raw)}`);
  }
  return value;
}

function bankCredentials(env: Env): BankCredentials {
  const clientId = env.BANKBRIDGE_BANK_CLIENT_ID || undefined;
  const clientSecret = env.BANKBRIDGE_BANK_CLIENT_SECRET || undefined;
  if (clientId && clientSecret) return { clientId, clientSecret };
  // Half an identity would silently pair a real id with the sandbox's secret (or the reverse).
  if (clientId || clientSecret) {
    throw new ConfigError(
      'BANKBRIDGE_BANK_CLIENT_ID and BANKBRIDGE_BANK_CLIENT_SECRET must be set together',
    );
  }
  return { ...SANDBOX_CREDENTIALS };
}

function port(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(`${name} must be a port number (0-65535), got ${JSON.stringify(raw)}`);
  }
  return value;
}

function url(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (!raw) return fallback;
  try {
    const parsed = new URL(raw);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error();
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, got ${JSON.stringify(raw)}`);
  }
  return raw.replace(/\/+$/, '');
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(env[name])}`);
}

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

function logLevel(raw: string): string {
  if (!LEVELS.includes(raw)) {
    throw new ConfigError(`BANKBRIDGE_LOG_LEVEL must be one of ${LEVELS.join(', ')}`);
  }
  return raw;
}
