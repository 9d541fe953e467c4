import type { Generated, Kysely } from 'kysely';

/** Registered TPP applications. Secrets are never stored, only their hashes. */
export interface ClientsTable {
  id: string;
  name: string;
  secret_hash: string;
  /** JSON array of allowed scopes, e.g. ["aspspinformation","accountinformation","private"]. */
  scopes: string;
  /** JSON array of exact redirect URIs. */
  redirect_uris: string;
  status: 'active' | 'disabled';
  /** The portal user who owns the application; null for clients made by the CLI (0005). */
  owner_id: string | null;
  /** The organisation identifier of the TPP certificates it must present (0008); null: none. */
  certificate_organization_id?: string | null;
  /** `public`: no secret, PKCE at the AISP API's /oauth/authorize (0006). */
  client_type: 'confidential' | 'public';
  /** 1: PKCE (S256) required at both authorization endpoints (0011); 0: optional. */
  require_pkce?: number;
  created_at: string;
  updated_at: string;
}

/**
 * Everything the OAuth server keeps (access tokens, codes, grants, sessions, interactions).
 * `id` is a SHA-256 of the token or code value, so a copy of the database holds no usable token.
 */
export interface OidcPayloadsTable {
  id: string;
  model: string;
  payload: string;
  client_id: string | null;
  grant_id: string | null;
  user_code: string | null;
  uid: string | null;
  /** Unix seconds. */
  expires_at: number | null;
  consumed_at: number | null;
}

/** Small key-value settings shared by all instances (encrypted signing keys, the demo client id). */
export interface SettingsTable {
  key: string;
  value: string;
  created_at: string;
}

export interface ConsentsTable {
  id: string;
  client_id: string;
  bic: string;
  status: string;
  access: string;
  recurring_indicator: number;
  valid_until: string;
  frequency_per_day: number;
  combined_service_indicator: number;
  psu_context: string;
  psu_corporate_id: string | null;
  sca_approach: string | null;
  bank_consent_id: string | null;
  granted_access: string | null;
  bank_tokens: string | null;
  bank_tokens_expire_at: number | null;
  /** Migration 0020: the bank's consent still to be ended there, from then on. */
  bank_end_due_at: string | null;
  /** Migration 0020: when the bank let go of its consent. */
  bank_ended_at: string | null;
  /** Incremented on every change; updates name the version they read (no lost updates). */
  version: number;
  created_at: string;
  last_action_date: string;
  status_changed_at: string;
}

/** A payment initiated through Bankbridge, migration 0014. */
export interface PaymentsTable {
  id: string;
  client_id: string;
  bic: string;
  service: string;
  product: string;
  product_kind: string;
  psu_context: string;
  psu_id: string | null;
  psu_corporate_id: string | null;
  psu_ip_address: string | null;
  psu_user_agent: string | null;
  body: string;
  bank_body: string;
  end_to_end_id: string | null;
  execution_date: string | null;
  bank_payment_id: string;
  status: string;
  funds_available: number | null;
  status_reason_code: string | null;
  status_reason: string | null;
  sca_approach: string | null;
  cancellation_requested_at: string | null;
  version: number;
  created_at: string;
  status_changed_at: string;
}

export interface PaymentEventsTable {
  id: string;
  payment_id: string;
  from_status: string | null;
  to_status: string;
  reason: string;
  source: string;
  request_id: string | null;
  at: string;
}

/** An SCA authorisation of a resource (a consent, a payment), migration 0010. */
export interface ScaAuthorisationsTable {
  id: string;
  resource_kind: string;
  resource_id: string;
  sca_status: string;
  sca_approach: string | null;
  bank_authorisation_id: string | null;
  auto_start_token: string | null;
  /** Sealed JSON: the redirect SCA's PKCE verifier and, later, the bank's code. */
  bank_exchange: string | null;
  psu_message: string | null;
  /** ISO time a request began redeeming the bank's grant, until it recorded the outcome. */
  redeeming_at: string | null;
  /** The authenticationMethodId the TPP chose (`mbid`, `mbid_animated_qr_token`, ...). */
  sca_method: string | null;
  qr_start_token: string | null;
  /** Sealed: the key of the order's animated QR codes. */
  qr_start_secret: string | null;
  /** ISO time the bank's order started: the animated QR code's seconds count from it. */
  qr_started_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Every SCA status change of an authorisation, with when and which request. */
export interface ScaEventsTable {
  id: string;
  authorisation_id: string;
  resource_kind: string;
  resource_id: string;
  from_status: string | null;
  to_status: string;
  reason: string;
  request_id: string | null;
  at: string;
}

/** Every status change of a consent (its authorisations' are in `sca_events`). */
export interface ConsentEventsTable {
  id: string;
  consent_id: string;
  authorisation_id: string | null;
  from_status: string | null;
  to_status: string;
  reason: string;
  request_id: string | null;
  at: string;
}

/** The account ids Bankbridge hands out, per client x bank x bank account (migration 0004). */
export interface AccountIdsTable {
  resource_id: string;
  client_id: string;
  bic: string;
  /** `iban:<IBAN>:<currency>`, `bban:<BBAN>:<currency>` or `bank:<bank resourceId>`. */
  account_key: string;
  bank_resource_id: string;
  iban: string | null;
  bban: string | null;
  currency: string | null;
  created_at: string;
  updated_at: string;
}

/** frequencyPerDay counters, one per `frequencyKey` (consent x account x endpoint x day). */
export interface FrequencyCountersTable {
  key: string;
  consent_id: string;
  /** Reads answered. */
  count: number;
  /** Reads under way that hold a share of the budget (migration 0011). */
  reserved: Generated<number>;
  /** When the last of those reservations ends, unless settled before. */
  reserved_until: string | null;
  updated_at: string;
}

/** Per-client rate limit counts of the current window and burst slot (migration 0009). */
export interface RateLimitsTable {
  client_id: string;
  /** Unix seconds. */
  window_start: number;
  window_count: number;
  /** Unix seconds. */
  burst_start: number;
  burst_count: number;
  /** 1 when the last request counted was admitted, else 0. */
  admitted: number;
  /** The limits the last request was counted against. */
  window_limit: number;
  burst_limit: number;
}

/** Local accounts of the developer portal (migration 0005). */
export interface UsersTable {
  id: string;
  /** Lower-case. */
  email: string;
  /** `scrypt$N$r$p$salt$hash`, never the password. */
  password_hash: string;
  role: 'operator' | 'developer';
  created_at: string;
  updated_at: string;
}

/** Portal sign-ins; `id` is a SHA-256 of the cookie value. */
export interface UserSessionsTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

/** One authenticated API request and the bank calls it caused (JSON), for the portal. */
export interface RequestLogTable {
  id: string;
  client_id: string;
  request_id: string;
  method: string;
  path: string;
  status: number;
  duration_ms: number;
  bank_calls: string;
  at: string;
  /** The answer's error code and text (migration 0017); null below 400. */
  error_code: string | null;
  error_text: string | null;
}

/**
 * Per client and X-Request-ID: the first request's hash and, once answered, its answer, for the
 * replay window (migration 0015). Times are ISO 8601.
 */
export interface RequestReplaysTable {
  client_id: string;
  /** Lower case. */
  request_id: string;
  /** SHA-256 (hex) of the request's fingerprint. */
  request_hash: string;
  /** Names the current claim: recording and releasing name it, so a taken-over claim is safe. */
  claim_token: string;
  received_at: string;
  /** While the request runs; null once answered. */
  claimed_at: string | null;
  answered_at: string | null;
  response_status: number | null;
  /** JSON object of the headers a replay repeats. */
  response_headers: string | null;
  /** Sealed: it can carry a BankID autostart token. */
  response_body: string | null;
}

/** An event a TPP may be told about (the outbox), migration 0016. */
export interface EventsTable {
  /** Insertion order; with `tx`, the feed's order (see the migration). */
  seq: Generated<number>;
  /** PostgreSQL: the writing transaction's id; SQLite: 0. */
  tx: Generated<number>;
  id: string;
  client_id: string;
  type: string;
  resource_kind: string;
  resource_id: string;
  authorisation_id: string | null;
  authorisation_kind: string | null;
  old_status: string | null;
  new_status: string | null;
  data: string | null;
  dedupe_key: string | null;
  at: string;
}

/** A client's webhook endpoint, the hosts allowed for it and its signing secret (0016). */
export interface WebhookSettingsTable {
  client_id: string;
  allowed_hosts: string;
  url: string | null;
  sca_events: number;
  /** Sealed. */
  secret: string;
  previous_secret: string | null;
  previous_secret_until: string | null;
  created_at: string;
  updated_at: string;
}

/** A resource's own endpoint (TPP-Notification-URI), migration 0016. */
export interface ResourceNotificationsTable {
  resource_kind: string;
  resource_id: string;
  client_id: string;
  uri: string;
  sca_events: number;
  created_at: string;
}

/** One event to one endpoint, until delivered or given up (0016). */
export interface WebhookDeliveriesTable {
  seq: Generated<number>;
  id: string;
  event_id: string;
  client_id: string;
  url: string;
  ordering_key: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: string;
  claim_token: string | null;
  claim_expires_at: string | null;
  last_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  last_latency_ms: number | null;
  delivered_at: string | null;
  created_at: string;
}

/** When each open payment's status is asked at the bank next (0016). */
export interface PaymentStatusPollsTable {
  payment_id: string;
  polls: number;
  /** The status the schedule counts from: a change starts it again. */
  status: string;
  next_at: string;
  claim_expires_at: string | null;
}

export interface Database {
  account_ids: AccountIdsTable;
  frequency_counters: FrequencyCountersTable;
  clients: ClientsTable;
  consents: ConsentsTable;
  consent_events: ConsentEventsTable;
  events: EventsTable;
  oidc_payloads: OidcPayloadsTable;
  payments: PaymentsTable;
  payment_events: PaymentEventsTable;
  payment_status_polls: PaymentStatusPollsTable;
  rate_limits: RateLimitsTable;
  request_log: RequestLogTable;
  request_replays: RequestReplaysTable;
  resource_notifications: ResourceNotificationsTable;
  sca_authorisations: ScaAuthorisationsTable;
  sca_events: ScaEventsTable;
  settings: SettingsTable;
  user_sessions: UserSessionsTable;
  users: UsersTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_settings: WebhookSettingsTable;
  kysely_migration?: { name: string; timestamp: string };
}

export type Db = Kysely<Database>;

// Re-exported so modules that only need types do not import kysely themselves.
export type { Generated };
