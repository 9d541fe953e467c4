// The bank connector: the one interface the platform calls to talk to a bank (Bankbridge's
// "SPI", as adorsys/xs2a calls it). Everything here is in Bankbridge's terms; how a given bank
// spells it on the wire is the implementation's business (berlin-group-connector.ts).
//
// Every method takes a BankCallContext; data calls also take the bank session (token, bank
// consent id, PSU-IP-Address). Every failure is a BankError (bank-error.ts).

import type { Logger } from '../logging/logger.js';

/** Who is calling and why: sent to the bank as X-Request-ID and written on every log line. */
export interface BankCallContext {
  /** The TPP's X-Request-ID (a UUID); one id traces the whole path, bank calls included. */
  requestId: string;
  /** The bank this call is for (its connector checks that it is its own). */
  bic: string;
  logger: Logger;
  /**
   * PSU headers for a call of the bank's consent or payment API that names none of its own
   * (a payment's status, its authorisations): the TPP's, or those kept with the resource.
   */
  psu?: PsuHeaders;
}

/** The PSU's side of a call, forwarded to the bank as PSU-* headers when present. */
export interface PsuHeaders {
  /** PSU-IP-Address: present = the PSU is there (the read does not count as unattended). */
  ipAddress?: string;
  /** PSU-User-Agent. */
  userAgent?: string;
  /** PSU-ID, the PSU's id at the bank (e.g. a personal identity number). */
  psuId?: string;
  /** PSU-Corporate-Id (corporate context). */
  corporateId?: string;
}

/** Berlin Group consent statuses. Terminal: all but received and valid. */
export type BankConsentStatus =
  | 'received'
  | 'valid'
  | 'rejected'
  | 'revokedByPsu'
  | 'expired'
  | 'terminatedByTpp';

export const BANK_CONSENT_STATUSES: readonly BankConsentStatus[] = [
  'received',
  'valid',
  'rejected',
  'revokedByPsu',
  'expired',
  'terminatedByTpp',
];

/** Berlin Group SCA statuses. */
export type BankScaStatus =
  | 'received'
  | 'started'
  | 'psuIdentified'
  | 'psuAuthenticated'
  | 'scaMethodSelected'
  | 'authenticationStarted'
  | 'authoriseCreditorAccountStarted'
  | 'finalised'
  | 'failed'
  | 'exempted';

export const BANK_SCA_STATUSES: readonly BankScaStatus[] = [
  'received',
  'started',
  'psuIdentified',
  'psuAuthenticated',
  'scaMethodSelected',
  'authenticationStarted',
  'authoriseCreditorAccountStarted',
  'finalised',
  'failed',
  'exempted',
];

export interface AccountReference {
  iban?: string;
  bban?: string;
  currency?: string;
}

export type AllAccounts = 'allAccounts' | 'allAccountsWithOwnerName';

/** What a consent asks for; `{}` asks the bank to let the PSU pick (bank-offered consent). */
export interface ConsentAccess {
  accounts?: AccountReference[];
  balances?: AccountReference[];
  transactions?: AccountReference[];
  availableAccounts?: AllAccounts;
  availableAccountsWithBalance?: AllAccounts;
  allPsd2?: AllAccounts;
}

export interface NewBankConsent {
  access: ConsentAccess;
  recurringIndicator: boolean;
  /** ISO date (YYYY-MM-DD). */
  validUntil: string;
  frequencyPerDay: number;
  combinedServiceIndicator: boolean;
  psu: PsuHeaders;
}

export interface CreatedBankConsent {
  bankConsentId: string;
  status: BankConsentStatus;
  /** As the bank recorded it (banks cap it), when the bank says so. */
  validUntil?: string;
  /** As the bank recorded it (banks cap it), when the bank says so. */
  frequencyPerDay?: number;
}

export interface BankConsent {
  status: BankConsentStatus;
  /** The bank's view; for a bank-offered consent after SCA: the accounts the PSU picked. */
  access: ConsentAccess;
  recurringIndicator?: boolean;
  validUntil?: string;
  frequencyPerDay?: number;
  lastActionDate?: string;
}

/** Tokens the bank issued for one consent. Secrets: never logged, stored encrypted. */
export interface BankTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  /** When the bank says how long the refresh token lives (90 days from the SCA, typically). */
  refreshExpiresAt?: Date;
}

/**
 * A resource whose strong customer authentication the bank runs: its kind (`consent`,
 * `payment`, `paymentCancellation`) and the bank's own id of it. The connector's hooks say how
 * the bank addresses each kind (OAuth scope, path, token-grant field).
 */
export interface BankScaResource {
  kind: string;
  bankId: string;
  /**
   * Where the bank files the resource when its id alone does not say (a payment's
   * `{service, product}` in its path).
   */
  placement?: Readonly<Record<string, string>>;
}

export interface AuthorizationRequest {
  resource: BankScaResource;
  /** Where the bank sends the browser back: Bankbridge's own callback, never the TPP's. */
  redirectUri: string;
  state: string;
  /** PKCE S256 challenge of a verifier the platform keeps for exchangeCode. */
  codeChallenge?: string;
}

export interface CodeExchange {
  code: string;
  /** Exactly the redirectUri of the authorization request. */
  redirectUri: string;
  codeVerifier?: string;
  /** When given, tokens the bank scoped to another resource are refused (code injection). */
  resource?: BankScaResource;
}

/** What came back to the redirect URI: the query parameters the bank added. */
export type AuthorizationCallback = Record<string, string | undefined>;

export interface DecoupledStart {
  resource: BankScaResource;
  /**
   * The PSU's id at the bank. Without it the PSU identifies in the BankID app by scanning the
   * QR code (the NextGenPSD2 guide's QR flow).
   */
  psuId?: string;
  psu?: PsuHeaders;
}

export interface DecoupledAuthorisation {
  authorisationId: string;
  scaStatus: BankScaStatus;
  /** For `bankid:///?autostarttoken=...` and the QR code. */
  autoStartToken: string;
  /** Text for the PSU, when the bank gave one. */
  psuMessage?: string;
  /** The order's animated QR code token and key (BankID), when the bank gives them. */
  qrStartToken?: string;
  qrStartSecret?: string;
}

export interface DecoupledRef {
  resource: BankScaResource;
  authorisationId: string;
}

export interface DecoupledStatus {
  scaStatus: BankScaStatus;
  psuMessage?: string;
}

/** The bank side of a valid consent, for data calls. */
export interface BankSession {
  accessToken: string;
  bankConsentId: string;
  /**
   * PSU-IP-Address of the PSU's own request, or undefined for an unattended read (the bank
   * counts those against frequencyPerDay).
   */
  psuIpAddress?: string | undefined;
  psuUserAgent?: string | undefined;
  psuCorporateId?: string | undefined;
}

/** Bank JSON passed through: the fields Bankbridge relies on are typed, the rest kept as is. */
export interface BankJsonObject {
  [field: string]: unknown;
}

export interface BankAccount extends BankJsonObject {
  /** The bank's own account id: never shown to TPPs as is. */
  resourceId: string;
  iban?: string;
  bban?: string;
  currency?: string;
}

export interface BankAccountList {
  accounts: BankAccount[];
}

export interface BankAccountDetails {
  account: BankAccount;
}

export interface BankBalances extends BankJsonObject {
  balances: BankJsonObject[];
}

export type BookingStatus = 'booked' | 'pending' | 'both';

export interface TransactionQuery {
  bookingStatus: BookingStatus;
  /** ISO date; some banks need it unless a delta is asked. */
  dateFrom?: string;
  dateTo?: string;
  entryReferenceFrom?: string;
  deltaList?: boolean;
  withBalance?: boolean;
  /**
   * A cursor from a previous page's `pages`: reads that page of the same query (the cursor
   * carries the query, the other fields are then ignored).
   */
  page?: string;
}

/** Opaque cursors to the other pages of a transaction report, when the bank pages it. */
export interface TransactionPages {
  first?: string;
  previous?: string;
  next?: string;
  last?: string;
}

export interface BankTransactionReport extends BankJsonObject {
  booked?: BankJsonObject[];
  pending?: BankJsonObject[];
}

export interface BankTransactions {
  /** The bank's answer as sent (`account`, `transactions`, `balances`); its `_links` point at the bank. */
  body: BankJsonObject & { transactions?: BankTransactionReport };
  pages: TransactionPages;
}

export interface BankTransactionDetails {
  transactionsDetails: BankJsonObject;
}

/** The facts about the bank the platform may check before spending a call. */
export interface BankProfile {
  bic: string;
  name: string;
  scaApproaches: ReadonlyArray<'REDIRECT' | 'DECOUPLED'>;
  /**
   * Headers the bank insists on when a consent is created (e.g. PSU-IP-Address); those of its
   * payment calls are in the registry's `payments.requiredPsuHeaders`.
   */
  requiredPsuHeaders: readonly string[];
}

// ---- Payment initiation ---------------------------------------------------------------------

/** Berlin Group transaction statuses (ISO 20022), as a bank reports them. */
export type BankTransactionStatus =
  | 'ACCC'
  | 'ACCP'
  | 'ACSC'
  | 'ACSP'
  | 'ACTC'
  | 'ACWC'
  | 'ACWP'
  | 'RCVD'
  | 'PDNG'
  | 'RJCT'
  | 'CANC'
  | 'ACFC'
  | 'PATC'
  | 'PART';

export const BANK_TRANSACTION_STATUSES: readonly BankTransactionStatus[] = [
  'ACCC',
  'ACCP',
  'ACSC',
  'ACSP',
  'ACTC',
  'ACWC',
  'ACWP',
  'RCVD',
  'PDNG',
  'RJCT',
  'CANC',
  'ACFC',
  'PATC',
  'PART',
];

/** A payment at the bank: where the bank files it and its own id. */
export interface BankPaymentRef {
  service: string;
  product: string;
  bankPaymentId: string;
}

export interface NewBankPayment {
  service: string;
  product: string;
  /**
   * The body in Bankbridge's terms: a global product's canonical model (payments/rules
   * `PaymentRequest`, amounts as strings), or a bank product's body as the TPP sent it. The
   * connector maps it to what the bank takes.
   */
  body: BankJsonObject;
  /** Whether the body is a global product's canonical model (else a bank product's own). */
  globalProduct: boolean;
  psu: PsuHeaders;
  /** TPP-Rejection-NoFunds-Preferred, passed on when the TPP sent it. */
  rejectionNoFundsPreferred?: boolean;
  /**
   * The X-Request-ID of the bank call that creates the payment. The same id for a retry of the
   * same TPP request, so that a bank that booked it and lost its answer replays the first
   * payment instead of creating another (connector-level exactly-once).
   */
  bankRequestId: string;
}

export interface CreatedBankPayment {
  bankPaymentId: string;
  status: BankTransactionStatus;
  /** The body as it went to the bank, in the bank's own format. */
  sentBody: BankJsonObject;
}

/** What decides a payment's body at the bank. */
export type PaymentBodyRequest = Pick<
  NewBankPayment,
  'service' | 'product' | 'body' | 'globalProduct'
>;

export interface BankPaymentStatus {
  status: BankTransactionStatus;
  /** Present when the bank checked funds (after the PSU authorised). */
  fundsAvailable?: boolean;
  /**
   * The text of the bank's first message with the status (a rejection's reason), in its
   * words, when it gave one.
   */
  reason?: string;
  /** The code of that message (FUNDS_NOT_AVAILABLE, PAYMENT_FAILED for a rejection). */
  reasonCode?: string;
}

/** DELETE at the bank: cancelled at once, or the PSU must authorise the cancellation. */
export type BankCancellation =
  | { outcome: 'cancelled' }
  | { outcome: 'authorisationNeeded'; status: BankTransactionStatus };

export interface BankConnector {
  readonly bank: BankProfile;

  // Consents
  createConsent(ctx: BankCallContext, consent: NewBankConsent): Promise<CreatedBankConsent>;
  getConsent(ctx: BankCallContext, bankConsentId: string): Promise<BankConsent>;
  getConsentStatus(ctx: BankCallContext, bankConsentId: string): Promise<BankConsentStatus>;
  /** Ends the consent at the bank (terminatedByTpp); the bank revokes its tokens. */
  deleteConsent(ctx: BankCallContext, bankConsentId: string): Promise<void>;

  // Redirect SCA (OAuth2 authorization code)
  /** URL of the bank's login page for this resource; no bank call is made. */
  authorizationUrl(ctx: BankCallContext, request: AuthorizationRequest): Promise<string>;
  /**
   * Reads what the bank added to the redirect URI: the code, or a BankError (`access_denied`
   * when the PSU or the bank refused, `rejected` for other OAuth errors).
   */
  readAuthorizationCallback(
    ctx: BankCallContext,
    callback: AuthorizationCallback,
  ): { code: string; state?: string };
  exchangeCode(ctx: BankCallContext, exchange: CodeExchange): Promise<BankTokens>;

  // Decoupled SCA (BankID-style)
  startDecoupled(ctx: BankCallContext, start: DecoupledStart): Promise<DecoupledAuthorisation>;
  getDecoupledStatus(ctx: BankCallContext, ref: DecoupledRef): Promise<DecoupledStatus>;
  /** Tokens once the SCA is finalised; 'pending' while the PSU has not finished. */
  exchangeDecoupled(ctx: BankCallContext, ref: DecoupledRef): Promise<BankTokens | 'pending'>;

  // Tokens
  /** Rotates the tokens; a refused refresh is `unauthorized` (ask getConsentStatus why). */
  refreshTokens(ctx: BankCallContext, refreshToken: string): Promise<BankTokens>;

  // Account information
  listAccounts(
    ctx: BankCallContext,
    session: BankSession,
    options?: { withBalance?: boolean },
  ): Promise<BankAccountList>;
  getAccount(
    ctx: BankCallContext,
    session: BankSession,
    accountId: string,
    options?: { withBalance?: boolean },
  ): Promise<BankAccountDetails>;
  getBalances(ctx: BankCallContext, session: BankSession, accountId: string): Promise<BankBalances>;
  getTransactions(
    ctx: BankCallContext,
    session: BankSession,
    accountId: string,
    query: TransactionQuery,
  ): Promise<BankTransactions>;
  getTransaction(
    ctx: BankCallContext,
    session: BankSession,
    accountId: string,
    transactionId: string,
  ): Promise<BankTransactionDetails>;

  // Payment initiation (the SCA of a payment and of its cancellation goes through the SCA
  // calls above, with resource kinds `payment` and `paymentCancellation` and the payment's
  // `{service, product}` as the resource's placement)
  /**
   * Creates the payment at the bank with X-Request-ID = `bankRequestId`. An answer lost on the
   * way (timeout, dropped connection) is asked for once more with the same id, never a new
   * one; still none: `unavailable` (the payment may exist at the bank: retry with the same
   * `bankRequestId`).
   */
  /**
   * The body `initiatePayment` would send, without sending it: a global product's body mapped
   * to the bank's format (accounts in the registry's forms). Throws PaymentBodyRefusal, naming
   * the field, when the TPP's body has no form this bank takes.
   */
  paymentBody(payment: PaymentBodyRequest): BankJsonObject;
  initiatePayment(ctx: BankCallContext, payment: NewBankPayment): Promise<CreatedBankPayment>;
  /**
   * The payment as the bank keeps it (its body and `transactionStatus`, without the bank's
   * `_links`), for banks that have the call.
   */
  getPayment(ctx: BankCallContext, ref: BankPaymentRef): Promise<BankJsonObject>;
  getPaymentStatus(ctx: BankCallContext, ref: BankPaymentRef): Promise<BankPaymentStatus>;
  cancelPayment(ctx: BankCallContext, ref: BankPaymentRef): Promise<BankCancellation>;
}
