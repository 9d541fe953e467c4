// The generic Berlin Group (NextGenPSD2) connector: the BankConnector of every bank that
// speaks the Berlin Group API with OAuth2 redirect SCA and/or BankID-style decoupled SCA,
// configured from the bank's registry entry plus its hooks (bank-hooks.ts). SCA, tokens and
// payments are modules of their own; consents and account information are here.

import type { AspspEntry } from '../registry/types.js';
import {
  type AuthorizationCallback,
  type AuthorizationRequest,
  BANK_CONSENT_STATUSES,
  type BankAccount,
  type BankAccountDetails,
  type BankAccountList,
  type BankBalances,
  type BankCallContext,
  type BankCancellation,
  type BankConnector,
  type BankConsent,
  type BankConsentStatus,
  type BankJsonObject,
  type BankPaymentRef,
  type BankPaymentStatus,
  type BankProfile,
  type BankSession,
  type BankTokens,
  type BankTransactionDetails,
  type BankTransactions,
  type CodeExchange,
  type ConsentAccess,
  type CreatedBankConsent,
  type CreatedBankPayment,
  type DecoupledAuthorisation,
  type DecoupledRef,
  type DecoupledStart,
  type DecoupledStatus,
  type NewBankConsent,
  type NewBankPayment,
  type PaymentBodyRequest,
  type TransactionQuery,
} from './bank-connector.js';
import { type BankCredentials, type BankHooksOverride, resolveHooks } from './bank-hooks.js';
import {
  type BankCallObserver,
  type BankCallTracer,
  DEFAULT_HTTP_SETTINGS,
  type HttpSettings,
} from './bank-http.js';
import { isObject, nonEmptyString } from './berlin-group-answers.js';
import { BerlinGroupCaller, type CallSpec } from './berlin-group-call.js';
import { BerlinGroupPayments } from './berlin-group-payments.js';
import { BerlinGroupSca } from './berlin-group-sca.js';
import { BerlinGroupTokens } from './berlin-group-tokens.js';
import {
  decodeCursor,
  transactionPages,
  transactionParams,
} from './berlin-group-transaction-pages.js';
import type { CircuitBreaker } from './circuit-breaker.js';

export interface BerlinGroupConnectorOptions {
  /** Bankbridge's identity at this bank. */
  credentials: BankCredentials;
  /** Deadline, retries and size cap of bank calls. */
  http?: Partial<HttpSettings>;
  /** This bank's quirks over the defaults. */
  hooks?: BankHooksOverride;
  /** The clock token lifetimes are counted from. */
  now?: () => Date;
  /** Told of every attempt at a bank call (the request log). */
  onCall?: BankCallObserver;
  /** The bank's circuit breaker (connectors/circuit-breaker.ts); none: always call the bank. */
  breaker?: CircuitBreaker;
  /** Traces each bank call (a span, and traceparent to the bank); none: no tracing. */
  tracer?: BankCallTracer;
}

export class BerlinGroupConnector implements BankConnector {
  readonly bank: BankProfile;
  private readonly call: BerlinGroupCaller;
  private readonly sca: BerlinGroupSca;
  private readonly tokens: BerlinGroupTokens;
  private readonly payments: BerlinGroupPayments;

  constructor(entry: AspspEntry, options: BerlinGroupConnectorOptions) {
    this.bank = {
      bic: entry.bicFi,
      name: entry.name,
      scaApproaches: [...entry.connector.scaApproaches],
      requiredPsuHeaders: [...entry.connector.requiredPsuHeaders],
    };
    this.call = new BerlinGroupCaller(
      { bic: entry.bicFi, name: entry.name },
      entry.connector.baseUrl,
      {
        credentials: options.credentials,
        hooks: resolveHooks(options.hooks),
        http: { ...DEFAULT_HTTP_SETTINGS, ...options.http },
        onCall: options.onCall,
        breaker: options.breaker,
        tracer: options.tracer,
      },
    );
    this.sca = new BerlinGroupSca(this.call);
    this.tokens = new BerlinGroupTokens(this.call, options.now ?? (() => new Date()));
    this.payments = new BerlinGroupPayments(this.call, entry.payments?.accountForms);
  }

  // ---- Consents ----------------------------------------------------------------------------

  async createConsent(ctx: BankCallContext, consent: NewBankConsent): Promise<CreatedBankConsent> {
    const body = await this.call.json(ctx, {
      kind: 'consent',
      method: 'POST',
      path: this.call.hooks.paths.consents,
      operation: 'creating a consent',
      psu: consent.psu,
      json: {
        access: consent.access,
        recurringIndicator: consent.recurringIndicator,
        validUntil: consent.validUntil,
        frequencyPerDay: consent.frequencyPerDay,
        combinedServiceIndicator: consent.combinedServiceIndicator,
      },
    });
    if (!nonEmptyString(body.consentId))
      throw this.call.malformed('creating a consent', 'no consentId');
    const created: CreatedBankConsent = {
      bankConsentId: body.consentId,
      status: this.consentStatus(body.consentStatus, 'creating a consent'),
    };
    if (typeof body.validUntil === 'string') created.validUntil = body.validUntil;
    if (typeof body.frequencyPerDay === 'number') created.frequencyPerDay = body.frequencyPerDay;
    return created;
  }

  async getConsent(ctx: BankCallContext, bankConsentId: string): Promise<BankConsent> {
    const operation = 'reading a consent';
    const body = await this.call.json(ctx, {
      kind: 'consent',
      method: 'GET',
      path: this.consentPath(bankConsentId),
      operation,
    });
    const consent: BankConsent = {
      status: this.consentStatus(body.consentStatus, operation),
      access: isObject(body.access) ? (body.access as ConsentAccess) : {},
    };
    if (typeof body.recurringIndicator === 'boolean')
      consent.recurringIndicator = body.recurringIndicator;
    if (typeof body.validUntil === 'string') consent.validUntil = body.validUntil;
    if (typeof body.frequencyPerDay === 'number') consent.frequencyPerDay = body.frequencyPerDay;
    if (typeof body.lastActionDate === 'string') consent.lastActionDate = body.lastActionDate;
    return consent;
  }

  async getConsentStatus(ctx: BankCallContext, bankConsentId: string): Promise<BankConsentStatus> {
    const operation = 'reading a consent status';
    const body = await this.call.json(ctx, {
      kind: 'consent',
      method: 'GET',
      path: `${this.consentPath(bankConsentId)}/status`,
      operation,
    });
    return this.consentStatus(body.consentStatus, operation);
  }

  async deleteConsent(ctx: BankCallContext, bankConsentId: string): Promise<void> {
    const spec: CallSpec = {
      kind: 'consent',
      method: 'DELETE',
      path: this.consentPath(bankConsentId),
      operation: 'deleting a consent',
    };
    const response = await this.call.send(ctx, spec);
    if (response.status < 200 || response.status > 299) throw this.call.failure(response, spec);
  }

  // ---- Redirect SCA ------------------------------------------------------------------------

  authorizationUrl(ctx: BankCallContext, request: AuthorizationRequest): Promise<string> {
    return this.sca.authorizationUrl(ctx, request);
  }

  readAuthorizationCallback(
    ctx: BankCallContext,
    callback: AuthorizationCallback,
  ): { code: string; state?: string } {
    return this.sca.readAuthorizationCallback(ctx, callback);
  }

  exchangeCode(ctx: BankCallContext, exchange: CodeExchange): Promise<BankTokens> {
    return this.tokens.exchangeCode(ctx, exchange);
  }

  // ---- Decoupled SCA -----------------------------------------------------------------------

  startDecoupled(ctx: BankCallContext, start: DecoupledStart): Promise<DecoupledAuthorisation> {
    return this.sca.startDecoupled(ctx, start);
  }

  getDecoupledStatus(ctx: BankCallContext, ref: DecoupledRef): Promise<DecoupledStatus> {
    return this.sca.getDecoupledStatus(ctx, ref);
  }

  exchangeDecoupled(ctx: BankCallContext, ref: DecoupledRef): Promise<BankTokens | 'pending'> {
    return this.tokens.exchangeDecoupled(ctx, ref);
  }

  // ---- Tokens ------------------------------------------------------------------------------

  refreshTokens(ctx: BankCallContext, refreshToken: string): Promise<BankTokens> {
    return this.tokens.refresh(ctx, refreshToken);
  }

  // ---- Account information -----------------------------------------------------------------

  async listAccounts(
    ctx: BankCallContext,
    session: BankSession,
    options: { withBalance?: boolean } = {},
  ): Promise<BankAccountList> {
    const operation = 'listing accounts';
    const body = await this.call.json(ctx, {
      kind: 'data',
      method: 'GET',
      path: this.call.hooks.paths.accounts,
      operation,
      session,
      query: withBalance(options.withBalance),
    });
    if (!Array.isArray(body.accounts)) throw this.call.malformed(operation, 'no accounts list');
    const accounts = body.accounts.map((a) => this.account(a, operation));
    return { ...body, accounts };
  }

  async getAccount(
    ctx: BankCallContext,
    session: BankSession,
    accountId: string,
    options: { withBalance?: boolean } = {},
  ): Promise<BankAccountDetails> {
    const operation = 'reading an account';
    const body = await this.call.json(ctx, {
      kind: 'data',
      method: 'GET',
      path: this.accountPath(accountId),
      operation,
      session,
      query: withBalance(options.withBalance),
    });
    // NextGenPSD2 wraps the details in `account`; some banks answer them bare.
    const account = this.account(isObject(body.account) ? body.account : body, operation);
    return { account };
  }

  async getBalances(
    ctx: BankCallContext,
    session: BankSession,
    accountId: string,
  ): Promise<BankBalances> {
    const operation = 'reading balances';
    const body = await this.call.json(ctx, {
      kind: 'data',
      method: 'GET',
      path: `${this.accountPath(accountId)}/balances`,
      operation,
      session,
    });
    if (!Array.isArray(body.balances)) throw this.call.malformed(operation, 'no balances list');
    return { ...body, balances: body.balances.filter(isObject) };
  }

  async getTransactions(
    ctx: BankCallContext,
    session: BankSession,
    accountId: string,
    query: TransactionQuery,
  ): Promise<BankTransactions> {
    const operation = 'reading transactions';
    const path = `${this.accountPath(accountId)}/transactions`;
    const params =
      query.page !== undefined
        ? decodeCursor(this.call.identity, query.page)
        : transactionParams(this.call.hooks, query);
    const body = await this.call.json(ctx, {
      kind: 'data',
      method: 'GET',
      path,
      operation,
      session,
      query: params,
    });
    if (body.transactions !== undefined && !isObject(body.transactions))
      throw this.call.malformed(operation, 'transactions is not an object');
    const links = isObject(body.transactions) ? body.transactions._links : body._links;
    return {
      body,
      pages: transactionPages(links, this.call.baseUrl, this.call.url(path).pathname),
    };
  }

  async getTransaction(
    ctx: BankCallContext,
    session: BankSession,
    accountId: string,
    transactionId: string,
  ): Promise<BankTransactionDetails> {
    const operation = 'reading a transaction';
    const body = await this.call.json(ctx, {
      kind: 'data',
      method: 'GET',
      path: `${this.accountPath(accountId)}/transactions/${encodeURIComponent(transactionId)}`,
      operation,
      session,
    });
    // NextGenPSD2 1.3 spells it transactionsDetails; later versions transactionDetails.
    const details = body.transactionsDetails ?? body.transactionDetails;
    if (!isObject(details)) throw this.call.malformed(operation, 'no transactionsDetails');
    return { transactionsDetails: details };
  }

  // ---- Payment initiation ------------------------------------------------------------------

  paymentBody(payment: PaymentBodyRequest): BankJsonObject {
    return this.payments.paymentBody(payment);
  }

  initiatePayment(ctx: BankCallContext, payment: NewBankPayment): Promise<CreatedBankPayment> {
    return this.payments.initiatePayment(ctx, payment);
  }

  getPayment(ctx: BankCallContext, ref: BankPaymentRef): Promise<BankJsonObject> {
    return this.payments.getPayment(ctx, ref);
  }

  getPaymentStatus(ctx: BankCallContext, ref: BankPaymentRef): Promise<BankPaymentStatus> {
    return this.payments.getPaymentStatus(ctx, ref);
  }

  cancelPayment(ctx: BankCallContext, ref: BankPaymentRef): Promise<BankCancellation> {
    return this.payments.cancelPayment(ctx, ref);
  }

  private consentPath(bankConsentId: string): string {
    return `${this.call.hooks.paths.consents}/${encodeURIComponent(bankConsentId)}`;
  }

  private accountPath(accountId: string): string {
    return `${this.call.hooks.paths.accounts}/${encodeURIComponent(accountId)}`;
  }

  private consentStatus(value: unknown, operation: string): BankConsentStatus {
    if (BANK_CONSENT_STATUSES.includes(value as BankConsentStatus))
      return value as BankConsentStatus;
    throw this.call.malformed(operation, `consentStatus ${JSON.stringify(value)}`);
  }

  private account(value: unknown, operation: string): BankAccount {
    if (!isObject(value) || !nonEmptyString(value.resourceId))
      throw this.call.malformed(operation, 'an account without resourceId');
    return value as BankAccount;
  }
}

function withBalance(value: boolean | undefined): URLSearchParams | undefined {
  return value === undefined ? undefined : new URLSearchParams({ withBalance: String(value) });
}
