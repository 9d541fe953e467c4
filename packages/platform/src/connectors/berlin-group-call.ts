// Wire conventions: X-Request-ID = the TPP's request id on every call (a payment initiation
// sends its own, see berlin-group-payments.ts); consent and payment API calls identify
// Bankbridge through hooks.tppHeaders; data calls carry the bank's access token and
// Consent-ID; the token endpoint authenticates Bankbridge as an OAuth client. How answers
// become BankErrors is in `answerFailure` (berlin-group-answers.ts).

import type { BankCallContext, BankJsonObject, BankSession, PsuHeaders } from './bank-connector.js';
import { BankError, type BankIdentity } from './bank-error.js';
import type { BankCallKind, BankCredentials, BankHooks } from './bank-hooks.js';
import {
  type BankCallObserver,
  type BankCallTracer,
  type BankResponse,
  type HttpSettings,
  sendToBank,
} from './bank-http.js';
import { answerFailure, describeBody, isObject, malformedAnswer } from './berlin-group-answers.js';
import type { CircuitBreaker } from './circuit-breaker.js';

export interface CallSpec {
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

export interface CallerOptions {
  credentials: BankCredentials;
  hooks: BankHooks;
  http: HttpSettings;
  onCall: BankCallObserver | undefined;
  breaker: CircuitBreaker | undefined;
  tracer?: BankCallTracer | undefined;
}

function setIf(headers: Record<string, string>, name: string, value: string | undefined): void {
  if (value !== undefined && value !== '') headers[name] = value;
}

export class BerlinGroupCaller {
  readonly identity: BankIdentity;
  readonly baseUrl: URL;
  readonly hooks: BankHooks;
  readonly credentials: BankCredentials;
  private readonly http: HttpSettings;
  private readonly onCall: BankCallObserver | undefined;
  private readonly breaker: CircuitBreaker | undefined;
  private readonly tracer: BankCallTracer | undefined;

  constructor(identity: BankIdentity, baseUrl: string, options: CallerOptions) {
    this.identity = identity;
    const base = new URL(baseUrl);
    base.pathname = base.pathname.replace(/\/+$/, '');
    this.baseUrl = base;
    this.hooks = options.hooks;
    this.credentials = options.credentials;
    this.http = options.http;
    this.onCall = options.onCall;
    this.breaker = options.breaker;
    this.tracer = options.tracer;
  }

  checkContext(ctx: BankCallContext): void {
    if (ctx.bic !== this.identity.bic) {
      throw new Error(`The connector of ${this.identity.bic} was called for ${ctx.bic}`);
    }
  }

  url(path: string, query?: URLSearchParams): URL {
    const url = new URL(this.baseUrl.toString());
    url.pathname = `${this.baseUrl.pathname}${path}`;
    if (query && [...query.keys()].length > 0) url.search = query.toString();
    return url;
  }

  send(ctx: BankCallContext, spec: CallSpec): Promise<BankResponse> {
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
      {
        requestId: ctx.requestId,
        logger: ctx.logger,
        onCall: this.onCall,
        breaker: this.breaker,
        tracer: this.tracer,
      },
      {
        method: spec.method,
        url: this.url(spec.path, spec.query),
        headers,
        ...(body !== undefined ? { body } : {}),
      },
    );
  }

  /** Sends and returns the JSON object of a 2xx answer; anything else is a BankError. */
  async json(ctx: BankCallContext, spec: CallSpec): Promise<BankJsonObject> {
    const response = await this.send(ctx, spec);
    return this.expectObject(response, spec);
  }

  expectObject(response: BankResponse, spec: CallSpec, ok?: number[]): BankJsonObject {
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

  failure(response: BankResponse, spec: CallSpec): BankError {
    return answerFailure(this.identity, response, spec);
  }

  malformed(operation: string, what: string): BankError {
    return malformedAnswer(this.identity, operation, what);
  }

  private headers(spec: CallSpec, ctx: BankCallContext): Record<string, string> {
    const headers: Record<string, string> = {
      'X-Request-ID': ctx.requestId,
      Accept: 'application/json',
    };
    let psu: PsuHeaders = spec.psu ?? {};
    if (spec.kind === 'consent' || spec.kind === 'payment') {
      Object.assign(headers, this.hooks.tppHeaders(this.credentials));
      // The call's own headers win; the context's fill in what it left out.
      psu = { ...ctx.psu, ...spec.psu };
    }
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
}
