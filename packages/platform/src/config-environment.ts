import { SANDBOX_CREDENTIALS } from './connectors/bank-hooks.js';
import { BANK_WORK_LIMIT_DEFAULTS } from './http/bank-work-limit.js';
import { RATE_LIMIT_PROFILES } from './http/rate-limit.js';

/** Every variable `fromEnv` reads, with its default and meaning, for `--help` and the README. */
export const ENVIRONMENT: ReadonlyArray<{ name: string; default: string; meaning: string }> = [
  {
    name: 'BANKBRIDGE_HOST',
    default: '127.0.0.1',
    meaning: 'interface the servers listen on (0.0.0.0 for all)',
  },
  {
    name: 'BANKBRIDGE_API_PORT',
    default: '8080',
    meaning: 'port of the NextGenPSD2 API (API_HOST)',
  },
  {
    name: 'BANKBRIDGE_AUTH_PORT',
    default: '8081',
    meaning:
      'port of the OAuth2 server (AUTH_HOST); the same as the API port serves both from one port',
  },
  {
    name: 'BANKBRIDGE_SANDBOX_PORT',
    default: '8082',
    meaning: 'port of the bundled sandbox banks',
  },
  {
    name: 'BANKBRIDGE_API_URL',
    default: 'http://localhost:<API_PORT>',
    meaning: 'public URL of the API, as TPPs reach it',
  },
  {
    name: 'BANKBRIDGE_AUTH_URL',
    default: 'http://localhost:<AUTH_PORT>',
    meaning: 'public URL of the auth server (the OAuth issuer)',
  },
  {
    name: 'BANKBRIDGE_SANDBOX_URL',
    default: 'http://localhost:<SANDBOX_PORT>',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the registry's placeholder, shown as written
    meaning: 'URL of the sandbox banks, used in the registry as ${SANDBOX_URL}',
  },
  {
    name: 'BANKBRIDGE_SANDBOX',
    default: 'true',
    meaning: 'start the sandbox banks and the demo client with the platform',
  },
  {
    name: 'BANKBRIDGE_PROFILE',
    default: 'sandbox',
    meaning: `sandbox or production: picks the rate limit unless BANKBRIDGE_RATE_LIMIT is set (sandbox ${RATE_LIMIT_PROFILES.sandbox}, production ${RATE_LIMIT_PROFILES.production})`,
  },
  {
    name: 'BANKBRIDGE_RATE_LIMIT',
    default: "(the profile's)",
    meaning:
      'requests per client, counted across all instances: <n>/min or <n>/<seconds>s, optionally with a burst limit inside it (100/min,50/10s), or off',
  },
  {
    name: 'BANKBRIDGE_PAGE_LIMIT_SOURCE',
    default: BANK_WORK_LIMIT_DEFAULTS.source,
    meaning:
      'consents one address may start from the hosted consent page (and the demo app), across all instances; same syntax, or off',
  },
  {
    name: 'BANKBRIDGE_PAGE_LIMIT_CLIENT',
    default: BANK_WORK_LIMIT_DEFAULTS.client,
    meaning:
      "consents started from a client's hosted consent page by anyone, across all instances; same syntax, or off",
  },
  {
    name: 'DATABASE_URL',
    default: '(unset: SQLite)',
    meaning: 'postgres://user:pass@host:5432/db to use PostgreSQL (needed for several instances)',
  },
  {
    name: 'BANKBRIDGE_DB_SCHEMA',
    default: '(unset: the search_path, usually public)',
    meaning: 'PostgreSQL schema for the tables, e.g. to run several Bankbridges in one database',
  },
  {
    name: 'BANKBRIDGE_DATA_DIR',
    default: './data',
    meaning: 'where the SQLite file, the generated secret key and the demo credentials live',
  },
  {
    name: 'BANKBRIDGE_REGISTRY',
    default: '(bundled registry)',
    meaning: 'path of the ASPSP registry file (YAML or JSON)',
  },
  {
    name: 'BANKBRIDGE_SECRET_KEY',
    default: '(generated into the data dir)',
    meaning:
      'master secret (>= 32 chars) that encrypts bank tokens and keys at rest; the same on every instance',
  },
  {
    name: 'BANKBRIDGE_LOG_LEVEL',
    default: 'info',
    meaning: 'trace, debug, info, warn, error or silent',
  },
  {
    name: 'BANKBRIDGE_TRUST_PROXY',
    default: 'false',
    meaning: 'trust X-Forwarded-* headers from a balancer in front',
  },
  {
    name: 'BANKBRIDGE_DB_POOL_SIZE',
    default: '10',
    meaning: 'PostgreSQL connections per instance',
  },
  {
    name: 'BANKBRIDGE_DB_PREPARED_STATEMENTS',
    default: 'true',
    meaning:
      'PostgreSQL plans each query once per connection; false behind a pooler that cannot keep prepared statements',
  },
  {
    name: 'BANKBRIDGE_BANK_CLIENT_ID',
    default: `(the sandbox banks': ${SANDBOX_CREDENTIALS.clientId})`,
    meaning: "Bankbridge's client id at the banks' Berlin Group APIs; set with the secret",
  },
  {
    name: 'BANKBRIDGE_BANK_CLIENT_SECRET',
    default: "(the sandbox banks')",
    meaning: "Bankbridge's client secret at the banks' Berlin Group APIs; set with the id",
  },
  {
    name: 'BANKBRIDGE_BANK_TIMEOUT_MS',
    default: '10000',
    meaning: 'deadline of one bank call in milliseconds, retries included (100-120000)',
  },
  {
    name: 'BANKBRIDGE_BANK_BREAKER_FAILURES',
    default: '5',
    meaning:
      'failed bank calls in a row (timeouts, connection errors, 5xx; a retry counts as a call) after which the bank is not called for the cool-down (0-1000; 0 turns the breaker off)',
  },
  {
    name: 'BANKBRIDGE_BANK_BREAKER_COOLDOWN',
    default: '30',
    meaning: "seconds a bank's breaker stays open before one call probes the bank again (1-3600)",
  },
  {
    name: 'BANKBRIDGE_CONSENT_AUTHORISATION_TIMEOUT',
    default: '1800',
    meaning: 'seconds a consent may await SCA before it becomes rejected (60-86400)',
  },
  {
    name: 'BANKBRIDGE_PAYMENT_AUTHORISATION_TIMEOUT',
    default: '1800',
    meaning: 'seconds a payment may await SCA before it is rejected, RJCT (60-86400)',
  },
  {
    name: 'BANKBRIDGE_REPLAY_WINDOW_HOURS',
    default: '24',
    meaning:
      'hours a retried POST, PUT or DELETE on /psd2 with the same X-Request-ID gets the first answer again instead of running twice (1-168)',
  },
  {
    name: 'BANKBRIDGE_REPLAY_TAKEOVER_SECONDS',
    default: '60, or 3 bank timeouts + 5 s',
    meaning:
      'seconds a retry waits for a first request with the same X-Request-ID that has no answer yet before running it itself; at least 3 bank timeouts + 5 s, the default if that is longer (1-3600)',
  },
  {
    name: 'BANKBRIDGE_TLS_CERT',
    default: '(unset: plain HTTP)',
    meaning: 'PEM file of the server certificate (and chain): both servers serve HTTPS',
  },
  {
    name: 'BANKBRIDGE_TLS_KEY',
    default: '(unset)',
    meaning: 'PEM file of the private key of BANKBRIDGE_TLS_CERT; set with it',
  },
  {
    name: 'BANKBRIDGE_TLS_CLIENT_CA',
    default: '(unset: no TPP certificates)',
    meaning:
      'PEM file of the CAs issuing TPP certificates (QWACs); set, /connect and /psd2 require one',
  },
  {
    name: 'BANKBRIDGE_CLIENT_CERT_HEADER',
    default: '(unset)',
    meaning:
      "header in which a TLS-terminating proxy passes the TPP certificate as URL-encoded PEM (nginx's $ssl_client_escaped_cert); needs BANKBRIDGE_TRUST_PROXY",
  },
  {
    name: 'BANKBRIDGE_REQUIRE_PKCE',
    default: 'false',
    meaning:
      'every client must send a PKCE S256 challenge at /connect/authorize and /oauth/authorize (FAPI 2.0); off, only public clients and those made with --require-pkce must',
  },
  {
    name: 'BANKBRIDGE_WEBHOOK_TIMEOUT_MS',
    default: '10000',
    meaning: 'deadline of one webhook delivery attempt in milliseconds (100-60000)',
  },
  {
    name: 'BANKBRIDGE_WEBHOOK_LOOPBACK',
    default: 'false',
    meaning:
      'tests and local development only: webhooks may go to plain http and loopback receivers (127.0.0.1, ::1, localhost); refused with BANKBRIDGE_PROFILE=production',
  },
  {
    name: 'BANKBRIDGE_CONSENT_EXPIRY_NOTICE_HOURS',
    default: '168',
    meaning:
      "hours before a consent's validUntil ends that its consent.expiring event is sent, once (0-2160; 0: none)",
  },
  {
    name: 'BANKBRIDGE_CONSENT_SWEEP_SECONDS',
    default: '60',
    meaning:
      'seconds between the sweeps that expire consents nobody reads, reject those whose SCA ran out of time and send expiry notices (1-3600)',
  },
  {
    name: 'BANKBRIDGE_PAYMENT_STATUS_POLL_HOURS',
    default: '144',
    meaning:
      'hours after its creation an open payment is still asked about at its bank, on a backing-off schedule (0-720; 0: no polling)',
  },
  {
    name: 'BANKBRIDGE_EVENT_RETENTION_DAYS',
    default: '30',
    meaning: 'days events (the feed) and finished webhook deliveries are kept (1-3650)',
  },
  {
    name: 'BANKBRIDGE_SHUTDOWN_DELAY',
    default: '0',
    meaning:
      'seconds an instance keeps serving after SIGTERM while /health/ready answers 503, so a balancer takes it out first (0-300)',
  },
  {
    name: 'BANKBRIDGE_SHUTDOWN_TIMEOUT',
    default: '30',
    meaning:
      'seconds after SIGTERM (and the delay) in which in-flight requests, bank calls and background work finish before they are cut (1-600)',
  },
  {
    name: 'BANKBRIDGE_METRICS_PORT',
    default: '(unset: no metrics)',
    meaning: 'port of the Prometheus /metrics endpoint, apart from the API',
  },
  {
    name: 'BANKBRIDGE_METRICS_HOST',
    default: '(BANKBRIDGE_HOST)',
    meaning: 'interface the metrics port listens on',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    default: '(unset: no traces)',
    meaning:
      'OpenTelemetry collector (OTLP over HTTP, e.g. http://collector:4318): a span per request and bank call is sent there',
  },
];
