// The generic Berlin Group (NextGenPSD2) connector: the BankConnector of every bank that
// speaks the Berlin Group API with OAuth2 redirect SCA and/or BankID-style decoupled SCA,
// configured from the bank's registry entry plus its hooks (bank-hooks.ts).
//
// Wire conventions: X-Request-ID = the TPP's request id on every call; consent API calls
// identify Bankbridge through hooks.tppHeaders; data calls carry the bank's access token and
// Consent-ID; the token endpoint authenticates Bankbridge as an OAuth client. How answers
// become BankErrors is in `failure` below.

import type { AspspEntry } from '../registry/types.js';
import {
  type AuthorizationCallback,
  type AuthorizationRequest,
  BANK_CONSENT_STATUSES,
  BANK_SCA_STATUSES,
  type BankAccount,
  type BankAccountDetails,
  type BankAccountList,
  type BankBalances,
  type BankCallContext,
  type BankConnector,
  type BankConsent,
  type BankConsentStatus,
  type BankJsonObject,
  type BankProfile,
  type BankScaResource,
  type BankScaStatus,
  type BankSession,
  type BankTokens,
  type BankTransactionDetails,
  type BankTransactions,
  type CodeExchange,
  type ConsentAccess,
  type CreatedBankConsent,
  type DecoupledAuthorisation,
  type DecoupledRef,
  type DecoupledStart,
  type DecoupledStatus,
  type NewBankConsent,
  type PsuHeaders,
  type TransactionPages,
  type TransactionQuery,
} from './bank-connector.js';
import { BankError, type BankIdentity, type BankMessage } from './bank-error.js';
import {
  type BankCallKind,
  type BankCredentials,
  type BankHooks,
  type BankHooksOverride,
  type BankScaAddress,
  resolveHooks,
} from './bank-hooks.js';
import {
  type BankCallObserver,
  type BankResponse,
  DEFAULT_HTTP_SETTINGS,
  type HttpSettings,
  sendToBank,
} from './bank-http.js';
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
}

interface CallSpec {
  kind: BankCallKind;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** Says what the call was for in errors: "creating a consent". */
  operation: string;
  query?: URLSearchParams;
  psu?: PsuHeaders;
  session?: BankSession;
  json?: unknown;
  form?: Record<string, string | undefined>;
  headers?: Record<string, string>;
}

function isObject(value: unknown): value is BankJsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function setIf(headers: Record<string, string>, name: string, value: string | undefined): void {
  if (value !== undefined && value !== '') headers[name] = value;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function bankMessages(body: unknown): BankMessage[] | undefined {
  if (!isObject(body) || !Array.isArray(body.tppMessages)) return undefined;
  return body.tppMessages.filter(isObject).map((m) => {
    const message: BankMessage = {};
    if (typeof m.category === 'string') message.category = m.category;
    if (typeof m.code === 'string') message.code = m.code;
    if (typeof m.text === 'string') message.text = m.text;
    if (typeof m.path === 'string') message.path = m.path;
    return message;
  });
}

function oauthError(body: unknown): { error: string; description?: string } | undefined {
  if (!isObject(body) || typeof body.error !== 'string') return undefined;
  return typeof body.error_description === 'string'
    ? { error: body.error, description: body.error_description }
    : { error: body.error };
}

function describeBody(response: BankResponse): string {
  if (response.text.trim() === '') return 'an empty body';
  const type = response.headers.get('content-type') ?? '';
  if (/html/i.test(type) || /^\s*</.test(response.text)) return 'an HTML page';
  if (response.json === undefined) return 'a body that is not JSON';
  return 'JSON it does not document';
}

/** Page cursors carry the bank's own query for the page, base64url-encoded. */
function encodeCursor(search: string): string {
  return Buffer.from(search, 'utf8').toString('base64url');
}

const CURSOR_QUERY = /^[A-Za-z0-9_.~*%+=&-]*$/;

export class BerlinGroupConnector implements BankConnector {
  readonly bank: BankProfile;
  private readonly identity: BankIdentity;
  private readonly baseUrl: URL;
  private readonly hooks: BankHooks;
  private readonly http: HttpSettings;
  private readonly credentials: BankCredentials;
  private readonly now: () => Date;
  private readonly onCall: BankCallObserver | undefined;
  private readonly breaker: CircuitBreaker | undefined;

  constructor(entry: AspspEntry, options: BerlinGroupConnectorOptions) {
    this.bank = {
      bic: entry.bicFi,
      name: entry.name,
      scaApproaches: [...entry.connector.scaApproaches],
      requiredPsuHeaders: [...entry.connector.requiredPsuHeaders],
    };
    this.identity = { bic: entry.bicFi, name: entry.name };
    const base = new URL(entry.connector.baseUrl);
    base.pathname = base.pathname.replace(/\/+$/, '');
    this.baseUrl = base;
    this.hooks = resolveHooks(options.hooks);
    this.http = { ...DEFAULT_HTTP_SETTINGS, ...options.http };
    this.credentials = options.credentials;
    this.now = options.now ?? (() => new Date());
    this.onCall = options.onCall;
    this.breaker = options.breaker;
  }

  // ---- Consents ----------------------------------------------------------------------------

  async createConsent(ctx: BankCallContext, consent: NewBankConsent): Promise<CreatedBankConsent> {
    const body = await this.json(ctx, {
      kind: 'consent',
      method: 'POST',
      path: this.hooks.paths.consents,
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
    if (!nonEmptyString(body.consentId)) throw this.malformed('creating a consent', 'no consentId');
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
    const body = await this.json(ctx, {
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
    const body = await this.json(ctx, {
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
    const response = await this.send(ctx, spec);
    if (response.status < 200 || response.status > 299) throw this.failure(response, spec);
  }

  // ---- Redirect SCA ------------------------------------------------------------------------

  async authorizationUrl(ctx: BankCallContext, request: AuthorizationRequest): Promise<string> {
    this.checkContext(ctx);
    const url = this.url(this.hooks.paths.authorize);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.credentials.clientId);
    url.searchParams.set('redirect_uri', request.redirectUri);
    url.searchParams.set('state', request.state);
    url.searchParams.set('scope', this.scaAddress(request.resource).scope(request.resource.bankId));
    if (request.codeChallenge !== undefined) {
      url.searchParams.set('code_challenge', request.codeChallenge);
      url.searchParams.set('code_challenge_method', 'S256');
    }
    return url.toString();
  }

  readAuthorizationCallback(
    ctx: BankCallContext,
    callback: AuthorizationCallback,
  ): { code: string; state?: string } {
    this.checkContext(ctx);
    const state = callback.state;
    if (callback.error !== undefined) {
      const details = {
        code: callback.error,
        ...(callback.error_description ? { text: callback.error_description } : {}),
      };
      const why = callback.error_description ? `: ${callback.error_description}` : '';
      if (callback.error === 'access_denied')
        throw new BankError('access_denied', this.identity, `SCA was denied${why}`, details);
      throw new BankError(
        'rejected',
        this.identity,
        `SCA ended with ${callback.error}${why}`,
        details,
      );
    }
    if (!nonEmptyString(callback.code)) {
      throw new BankError('rejected', this.identity, 'SCA ended without an authorization code', {
        code: 'invalid_request',
      });
    }
    return state === undefined ? { code: callback.code } : { code: callback.code, state };
  }

  async exchangeCode(ctx: BankCallContext, exchange: CodeExchange): Promise<BankTokens> {
    const operation = 'exchanging an authorization code';
    const body = await this.json(ctx, {
      kind: 'token',
      method: 'POST',
      path: this.hooks.paths.token,
      operation,
      form: {
        grant_type: 'authorization_code',
        code: exchange.code,
        redirect_uri: exchange.redirectUri,
        code_verifier: exchange.codeVerifier,
      },
    });
    if (exchange.resource !== undefined && typeof body.scope === 'string') {
      const expected = this.scaAddress(exchange.resource).scope(exchange.resource.bankId);
      if (!body.scope.split(' ').includes(expected)) {
        throw new BankError(
          'rejected',
          this.identity,
          `the authorization code was issued for another ${exchange.resource.kind}`,
          { code: 'invalid_grant' },
        );
      }
    }
    return this.tokens(body, operation);
  }

  // ---- Decoupled SCA -----------------------------------------------------------------------

  async startDecoupled(
    ctx: BankCallContext,
    start: DecoupledStart,
  ): Promise<DecoupledAuthorisation> {
    const operation = 'starting a decoupled authorisation';
    const psu: PsuHeaders = { ...start.psu };
    let json: unknown = {};
    if (start.psuId !== undefined) {
      if (this.hooks.decoupledPsuId === 'header') psu.psuId = start.psuId;
      else json = { psuData: { psuId: start.psuId } };
    } else {
      delete psu.psuId;
    }
    const body = await this.json(ctx, {
      kind: 'consent',
      method: 'POST',
      path: `${this.scaPath(start.resource)}/authorisations`,
      operation,
      psu,
      json,
    });
    if (!nonEmptyString(body.authorisationId))
      throw this.malformed(operation, 'no authorisationId');
    const autoStartToken = this.autoStartToken(body);
    if (!autoStartToken) throw this.malformed(operation, 'no autostart token');
    const started: DecoupledAuthorisation = {
      authorisationId: body.authorisationId,
      scaStatus: this.scaStatus(body.scaStatus, operation),
      autoStartToken,
    };
    if (typeof body.psuMessage === 'string') started.psuMessage = body.psuMessage;
    return started;
  }

  async getDecoupledStatus(ctx: BankCallContext, ref: DecoupledRef): Promise<DecoupledStatus> {
    const operation = 'reading a decoupled authorisation';
    const body = await this.json(ctx, {
      kind: 'consent',
      method: 'GET',
      path: `${this.scaPath(ref.resource)}/authorisations/${encodeURIComponent(ref.authorisationId)}`,
      operation,
    });
    const status: DecoupledStatus = { scaStatus: this.scaStatus(body.scaStatus, operation) };
    if (typeof body.psuMessage === 'string') status.psuMessage = body.psuMessage;
    return status;
  }

  async exchangeDecoupled(
    ctx: BankCallContext,
    ref: DecoupledRef,
  ): Promise<BankTokens | 'pending'> {
    const operation = 'getting tokens for a decoupled authorisation';
    const spec: CallSpec = {
      kind: 'token',
      method: 'POST',
      path: this.hooks.paths.token,
      operation,
      form: {
        grant_type: this.hooks.decoupledGrantType,
        authorisation_id: ref.authorisationId,
        [this.scaAddress(ref.resource).grantField]: ref.resource.bankId,
      },
    };
    const response = await this.send(ctx, spec);
    const error = response.status >= 400 && response.status < 500 && oauthError(response.json);
    if (error && (error.error === 'authorization_pending' || error.error === 'slow_down'))
      return 'pending';
    if (error && error.error === 'expired_token') {
      throw new BankError(
        'access_denied',
        this.identity,
        `the SCA timed out${error.description ? `: ${error.description}` : ''}`,
        {
          status: response.status,
          code: error.error,
          ...(error.description ? { text: error.description } : {}),
        },
      );
    }
    return this.tokens(this.expectObject(response, spec, [200]), operation);
  }

  // ---- Tokens ------------------------------------------------------------------------------

  async refreshTokens(ctx: BankCallContext, refreshToken: string): Promise<BankTokens> {
    const operation = 'refreshing tokens';
    try {
      const body = await this.json(ctx, {
        kind: 'token',
        method: 'POST',
        path: this.hooks.paths.token,
        operation,
        form: { grant_type: 'refresh_token', refresh_token: refreshToken },
      });
      return this.tokens(body, operation, refreshToken);
    } catch (error) {
      // A refused refresh means the PSU has to authorise again: the consent no longer works.
      if (error instanceof BankError && error.kind === 'rejected' && error.code === 'invalid_grant')
        throw new BankError(
          'unauthorized',
          this.identity,
          `${operation} was refused: ${error.text ?? 'invalid_grant'}`,
          {
            ...(error.status !== undefined ? { status: error.status } : {}),
            code: error.code,
            ...(error.text !== undefined ? { text: error.text } : {}),
            cause: error,
          },
        );
      throw error;
    }
  }

  // ---- Account information -----------------------------------------------------------------

  async listAccounts(
    ctx: BankCallContext,
    session: BankSession,
    options: { withBalance?: boolean } = {},
  ): Promise<BankAccountList> {
    const operation = 'listing accounts';
    const body = await this.json(ctx, {
      kind: 'data',
      method: 'GET',
      path: this.hooks.paths.accounts,
      operation,
      session,
      query: withBalance(options.withBalance),
    });
    if (!Array.isArray(body.accounts)) throw this.malformed(operation, 'no accounts list');
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
    const body = await this.json(ctx, {
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
    const body = await this.json(ctx, {
      kind: 'data',
      method: 'GET',
      path: `${this.accountPath(accountId)}/balances`,
      operation,
      session,
    });
    if (!Array.isArray(body.balances)) throw this.malformed(operation, 'no balances list');
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
      query.page !== undefined ? this.decodeCursor(query.page) : this.transactionParams(query);
    const body = await this.json(ctx, {
      kind: 'data',
      method: 'GET',
      path,
      operation,
      session,
      query: params,
    });
    if (body.transactions !== undefined && !isObject(body.transactions))
      throw this.malformed(operation, 'transactions is not an object');
    const links = isObject(body.transactions) ? body.transactions._links : body._links;
    return { body, pages: this.pages(links, path) };
  }

  async getTransaction(
    ctx: BankCallContext,
    session: BankSession,
    accountId: string,
    transactionId: string,
  ): Promise<BankTransactionDetails> {
    const operation = 'reading a transaction';
    const body = await this.json(ctx, {
      kind: 'data',
      method: 'GET',
      path: `${this.accountPath(accountId)}/transactions/${encodeURIComponent(transactionId)}`,
      operation,
      session,
    });
    // NextGenPSD2 1.3 spells it transactionsDetails; later versions transactionDetails.
    const details = body.transactionsDetails ?? body.transactionDetails;
    if (!isObject(details)) throw this.malformed(operation, 'no transactionsDetails');
    return { transactionsDetails: details };
  }

  // ---- The wire ----------------------------------------------------------------------------

  private checkContext(ctx: BankCallContext): void {
    if (ctx.bic !== this.bank.bic) {
      throw new Error(`The connector of ${this.bank.bic} was called for ${ctx.bic}`);
    }
  }

  private url(path: string, query?: URLSearchParams): URL {
    const url = new URL(this.baseUrl.toString());
    url.pathname = `${this.baseUrl.pathname}${path}`;
    if (query && [...query.keys()].length > 0) url.search = query.toString();
    return url;
  }

  /** How this bank addresses the SCA of the resource's kind. */
  private scaAddress(resource: BankScaResource): BankScaAddress {
    const address = this.hooks.scaResources[resource.kind];
    if (!address) {
      throw new BankError(
        'rejected',
        this.identity,
        `Bankbridge does not know how this bank authorises a ${resource.kind}`,
      );
    }
    return address;
  }

  private scaPath(resource: BankScaResource): string {
    return this.scaAddress(resource).path(this.hooks.paths, resource.bankId);
  }

  private consentPath(bankConsentId: string): string {
    return `${this.hooks.paths.consents}/${encodeURIComponent(bankConsentId)}`;
  }

  private accountPath(accountId: string): string {
    return `${this.hooks.paths.accounts}/${encodeURIComponent(accountId)}`;
  }

  private headers(spec: CallSpec, ctx: BankCallContext): Record<string, string> {
    const headers: Record<string, string> = {
      'X-Request-ID': ctx.requestId,
      Accept: 'application/json',
    };
    let psu: PsuHeaders = spec.psu ?? {};
    if (spec.kind === 'consent') Object.assign(headers, this.hooks.tppHeaders(this.credentials));
    if (spec.kind === 'data' && spec.session) {
      const session = spec.session;
      headers.Authorization = `Bearer ${session.accessToken}`;
      headers['Consent-ID'] = session.bankConsentId;
      psu = {};
      if (session.psuIpAddress) psu.ipAddress = session.psuIpAddress;
      if (session.psuUserAgent) psu.userAgent = session.psuUserAgent;
      if (session.psuCorporateId) psu.corporateId = session.psuCorporateId;
    }
    if (spec.kind === 'token' && this.hooks.tokenAuth === 'client_secret_basic') {
      const id = encodeURIComponent(this.credentials.clientId);
      const secret = encodeURIComponent(this.credentials.clientSecret);
      headers.Authorization = `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
    }
    setIf(headers, 'PSU-IP-Address', psu.ipAddress);
    setIf(headers, 'PSU-User-Agent', psu.userAgent);
    setIf(headers, 'PSU-ID', psu.psuId);
    setIf(headers, 'PSU-Corporate-Id', psu.corporateId);
    Object.assign(headers, this.hooks.extraHeaders(spec.kind, psu), spec.headers);
    return headers;
  }

  private send(ctx: BankCallContext, spec: CallSpec): Promise<BankResponse> {
    this.checkContext(ctx);
    const headers = this.headers(spec, ctx);
    let body: string | undefined;
    if (spec.form !== undefined) {
      const form = new URLSearchParams();
      for (const [key, value] of Object.entries(spec.form))
        if (value !== undefined) form.set(key, value);
      if (spec.kind === 'token' && this.hooks.tokenAuth === 'client_secret_post') {
        form.set('client_id', this.credentials.clientId);
        form.set('client_secret', this.credentials.clientSecret);
      }
      body = form.toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    } else if (spec.json !== undefined) {
      body = JSON.stringify(spec.json);
      headers['Content-Type'] = 'application/json';
    }
    return sendToBank(
      this.identity,
      this.http,
      { requestId: ctx.requestId, logger: ctx.logger, onCall: this.onCall, breaker: this.breaker },
      {
        method: spec.method,
        url: this.url(spec.path, spec.query),
        headers,
        ...(body !== undefined ? { body } : {}),
      },
    );
  }

  /** Sends and returns the JSON object of a 2xx answer; anything else is a BankError. */
  private async json(ctx: BankCallContext, spec: CallSpec): Promise<BankJsonObject> {
    const response = await this.send(ctx, spec);
    return this.expectObject(response, spec);
  }

  private expectObject(response: BankResponse, spec: CallSpec, ok?: number[]): BankJsonObject {
    const success = ok
      ? ok.includes(response.status)
      : response.status >= 200 && response.status < 300;
    if (!success) throw this.failure(response, spec);
    if (!isObject(response.json)) {
      throw new BankError(
        'unavailable',
        this.identity,
        `${spec.operation}: the bank answered ${response.status} with ${describeBody(response)}`,
        { status: response.status },
      );
    }
    return response.json;
  }

  /**
   * How a bank's answer becomes an error:
   * 5xx, 3xx, or a body that is not JSON -> unavailable; 401 on a data call -> unauthorized;
   * OAuth access_denied -> access_denied; any other 4xx -> rejected with the bank's code.
   */
  private failure(response: BankResponse, spec: CallSpec): BankError {
    const { status } = response;
    const messages = bankMessages(response.json);
    const oauth = oauthError(response.json);
    const first = messages?.[0];
    const code = first?.code ?? oauth?.error;
    const text = first?.text ?? oauth?.description;
    const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
    const details = {
      status,
      ...(code !== undefined ? { code } : {}),
      ...(text !== undefined ? { text } : {}),
      ...(messages ? { messages } : {}),
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    };
    const said = [code, text].filter(Boolean).join(' ');
    if (status >= 500 || status < 400 || response.json === undefined) {
      const what = status >= 500 && said ? said : describeBody(response);
      return new BankError(
        'unavailable',
        this.identity,
        `${spec.operation} failed: the bank answered ${status} with ${what}`,
        details,
      );
    }
    const reason = `the bank answered ${status}${said ? ` ${said}` : ''}`;
    if (status === 401 && spec.kind === 'data')
      return new BankError(
        'unauthorized',
        this.identity,
        `${spec.operation} was refused: ${reason}`,
        details,
      );
    if (spec.kind === 'token' && oauth?.error === 'access_denied')
      return new BankError('access_denied', this.identity, `SCA was denied: ${reason}`, details);
    return new BankError(
      'rejected',
      this.identity,
      `${spec.operation} was refused: ${reason}`,
      details,
    );
  }

  private malformed(operation: string, what: string): BankError {
    return new BankError(
      'unavailable',
      this.identity,
      `${operation}: the bank's answer is not as its API documents (${what})`,
    );
  }

  private consentStatus(value: unknown, operation: string): BankConsentStatus {
    if (BANK_CONSENT_STATUSES.includes(value as BankConsentStatus))
      return value as BankConsentStatus;
    throw this.malformed(operation, `consentStatus ${JSON.stringify(value)}`);
  }

  private scaStatus(value: unknown, operation: string): BankScaStatus {
    if (BANK_SCA_STATUSES.includes(value as BankScaStatus)) return value as BankScaStatus;
    throw this.malformed(operation, `scaStatus ${JSON.stringify(value)}`);
  }

  private account(value: unknown, operation: string): BankAccount {
    if (!isObject(value) || !nonEmptyString(value.resourceId))
      throw this.malformed(operation, 'an account without resourceId');
    return value as BankAccount;
  }

  /** The autostart token: its own field, or the `autostarttoken` of the BankID link. */
  private autoStartToken(body: BankJsonObject): string | undefined {
    if (nonEmptyString(body.autoStartToken)) return body.autoStartToken;
    const challenge = isObject(body.challengeData) ? body.challengeData : undefined;
    const first = Array.isArray(challenge?.data) ? challenge.data[0] : undefined;
    if (!nonEmptyString(first)) return undefined;
    const match = /[?&]autostarttoken=([^&]+)/i.exec(first);
    return match?.[1] ? decodeURIComponent(match[1]) : first;
  }

  private tokens(body: BankJsonObject, operation: string, previousRefresh?: string): BankTokens {
    if (!nonEmptyString(body.access_token)) throw this.malformed(operation, 'no access_token');
    const refreshToken = nonEmptyString(body.refresh_token) ? body.refresh_token : previousRefresh;
    if (!refreshToken) throw this.malformed(operation, 'no refresh_token');
    const now = this.now().getTime();
    const lifetime =
      typeof body.expires_in === 'number' && body.expires_in > 0
        ? body.expires_in
        : this.hooks.defaultAccessTokenSeconds;
    const tokens: BankTokens = {
      accessToken: body.access_token,
      refreshToken,
      expiresAt: new Date(now + lifetime * 1000),
    };
    if (typeof body.refresh_token_expires_in === 'number' && body.refresh_token_expires_in >= 0)
      tokens.refreshExpiresAt = new Date(now + body.refresh_token_expires_in * 1000);
    return tokens;
  }

  private transactionParams(query: TransactionQuery): URLSearchParams {
    const params = new URLSearchParams({ bookingStatus: query.bookingStatus });
    if (query.dateFrom !== undefined) params.set('dateFrom', this.hooks.queryDate(query.dateFrom));
    if (query.dateTo !== undefined) params.set('dateTo', this.hooks.queryDate(query.dateTo));
    if (query.entryReferenceFrom !== undefined)
      params.set('entryReferenceFrom', query.entryReferenceFrom);
    if (query.deltaList !== undefined) params.set('deltaList', String(query.deltaList));
    if (query.withBalance !== undefined) params.set('withBalance', String(query.withBalance));
    return params;
  }

  private decodeCursor(cursor: string): URLSearchParams {
    const search = /^[A-Za-z0-9_-]*$/.test(cursor)
      ? Buffer.from(cursor, 'base64url').toString('utf8')
      : undefined;
    if (search === undefined || search === '' || !CURSOR_QUERY.test(search)) {
      // No bank call is made: the cursor did not come from this connector.
      throw new BankError('rejected', this.identity, 'the page cursor is not valid', {
        status: 400,
        code: 'FORMAT_ERROR',
        text: 'The page cursor is not valid',
      });
    }
    return new URLSearchParams(search);
  }

  /** Cursors to the bank's first/previous/next/last pages that stay on this account's report. */
  private pages(links: unknown, path: string): TransactionPages {
    const pages: TransactionPages = {};
    if (!isObject(links)) return pages;
    const expected = this.url(path).pathname;
    for (const name of ['first', 'previous', 'next', 'last'] as const) {
      const link = links[name];
      const href = isObject(link) ? link.href : link;
      if (typeof href !== 'string') continue;
      let url: URL;
      try {
        url = new URL(href, this.baseUrl);
      } catch {
        continue;
      }
      if (url.origin !== this.baseUrl.origin || url.pathname !== expected) continue;
      const search = url.search.replace(/^\?/, '');
      if (search !== '' && CURSOR_QUERY.test(search)) pages[name] = encodeCursor(search);
    }
    return pages;
  }
}

function withBalance(value: boolean | undefined): URLSearchParams | undefined {
  return value === undefined ? undefined : new URLSearchParams({ withBalance: String(value) });
}
