/**
 * A client of Bankbridge's simple AISP API: the OAuth2 authorization-code flow at
 * `{authUrl}/oauth/*` and the reads at `{apiUrl}/aisp/v1`.
 *
 *   const aisp = new AispClient({ apiUrl, authUrl, clientId, clientSecret, redirectUri });
 *   const request = await aisp.authorizationUrl({ scope: ['accounts', 'balances'] });
 *   // keep request.state and request.codeVerifier with the user's session; redirect to request.url
 *   const tokens = await aisp.handleRedirect(callbackUrl, request);
 *   const session = aisp.session(tokens, { onTokens: save });
 *   const { accounts } = await session.accounts();
 *
 * PKCE S256 is used on every authorization (public clients must; confidential ones gain from
 * it). A session renews its access token with the refresh token before it expires (and once
 * after a refusal), sharing one refresh among calls made at the same time, since a refresh
 * token works once: `onTokens` hears of every new pair, to be stored in place of the old.
 */
import { AispAuthorizationError, AispInvalidTokenError, aispErrorFrom } from './aisp-errors.js';
import { withResponse } from './api-caller.js';
import { RedirectCallbackError } from './errors.js';
import { createPkce } from './pkce.js';
import { type CallSettings, type Transport, transportFor, trimSlash } from './transport.js';
import type { WithResponse } from './types.js';

export type AispScope = 'accounts' | 'balances' | 'transactions';

export interface AispClientOptions extends CallSettings {
  /** The API host, e.g. `http://localhost:8080` (`npm start`). */
  apiUrl: string;
  /** The auth host, e.g. `http://localhost:8081`. */
  authUrl: string;
  clientId: string;
  /**
   * A confidential client's secret (keep it on your server). Leave it out for a public client
   * (a single-page or phone app registered with `--public`): PKCE then stands in for it.
   */
  clientSecret?: string | undefined;
  /** One of the client's registered redirect URIs, exactly. */
  redirectUri: string;
  /** Refresh the access token this long before it expires; default 60 s. */
  renewTokensBeforeSeconds?: number;
}

export interface AispTokens {
  accessToken: string;
  /** Works once: every refresh returns a new one. */
  refreshToken: string;
  tokenType: string;
  scope: AispScope[];
  /** When the access token expires, in ms since the epoch. */
  expiresAt: number;
}

/** What to keep with the user's session until they come back to your redirect URI. */
export interface AuthorizationRequest {
  url: string;
  state: string;
  codeVerifier: string;
}

/** The user, when they are using your app right now: reads then do not count as unattended. */
export interface AispPsu {
  ipAddress: string;
  userAgent?: string | undefined;
}

export interface AispReadOptions {
  psu?: AispPsu | undefined;
  signal?: AbortSignal | undefined;
}

export interface AispAccount {
  id: string;
  iban?: string;
  bban?: string;
  currency?: string;
  name?: string;
  display_name?: string;
  product?: string;
  type?: string;
  status?: 'enabled' | 'deleted' | 'blocked';
  usage?: 'PRIV' | 'ORGA';
  owner_name?: string;
  bic?: string;
  links: { self: string; balances?: string; transactions?: string };
}

export interface AispBalance {
  type: string;
  amount: string;
  currency: string;
  reference_date?: string;
  last_change?: string;
  credit_limit_included?: boolean;
}

export interface AispTransaction {
  id?: string;
  status: 'booked' | 'pending';
  booking_date?: string;
  value_date?: string;
  transaction_date?: string;
  amount: string;
  currency: string;
  description?: string;
  counterparty?: { name?: string; iban?: string };
  entry_reference?: string;
  bank_transaction_code?: string;
}

export interface AispTransactionPage {
  account_id: string;
  transactions: AispTransaction[];
  next_cursor: string | null;
  links: { next?: string };
}

export interface AispTransactionQuery {
  /** First booking date, YYYY-MM-DD; default 90 days before `dateTo`. */
  dateFrom?: string;
  dateTo?: string;
  status?: 'booked' | 'pending' | 'both';
  /** A page's `next_cursor`; sent alone. */
  cursor?: string;
}

export class AispClient {
  private readonly transport: Transport;
  private readonly now: () => number;
  private readonly authUrl: string;
  readonly apiUrl: string;

  constructor(readonly options: AispClientOptions) {
    for (const name of ['apiUrl', 'authUrl', 'clientId', 'redirectUri'] as const) {
      if (!options[name]) throw new TypeError(`AispClient: ${name} is required`);
    }
    this.now = options.now ?? Date.now;
    this.apiUrl = trimSlash(options.apiUrl);
    this.authUrl = trimSlash(options.authUrl);
    this.transport = transportFor(options);
  }

  /**
   * Where to send the user: `/oauth/authorize` with a fresh `state` and PKCE challenge. Keep
   * `state` and `codeVerifier` until the user comes back (a server session, sessionStorage).
   */
  async authorizationUrl(
    options: { scope?: AispScope[]; state?: string; validityDays?: number } = {},
  ): Promise<AuthorizationRequest> {
    const pkce = await createPkce();
    const state = options.state ?? randomState();
    const url = new URL(`${this.authUrl}/oauth/authorize`);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.options.clientId,
      redirect_uri: this.options.redirectUri,
      scope: (options.scope ?? ['accounts', 'balances', 'transactions']).join(' '),
      state,
      code_challenge: pkce.challenge,
      code_challenge_method: pkce.method,
      ...(options.validityDays === undefined
        ? {}
        : { validity_days: String(options.validityDays) }),
    }).toString();
    return { url: url.href, state, codeVerifier: pkce.verifier };
  }

  /**
   * The user is back at your redirect URI: checks `state`, turns an `error` into an
   * AispAuthorizationError (`access_denied` when they said no), and exchanges the code.
   */
  async handleRedirect(
    callbackUrl: string | URL,
    request: Pick<AuthorizationRequest, 'state' | 'codeVerifier'>,
  ): Promise<AispTokens> {
    const query = new URL(callbackUrl).searchParams;
    if (query.get('state') !== request.state) {
      throw new RedirectCallbackError({
        code: 'STATE_MISMATCH',
        text: 'the redirect does not carry the state of this authorization request',
      });
    }
    const error = query.get('error');
    if (error) {
      throw new AispAuthorizationError({
        code: error,
        text: query.get('error_description') ?? 'the authorization was not given',
      });
    }
    const code = query.get('code');
    if (!code) {
      throw new RedirectCallbackError({ code: 'CODE_MISSING', text: 'the redirect has no code' });
    }
    return this.exchangeCode(code, request.codeVerifier);
  }

  /** `grant_type=authorization_code`: the code from the redirect, and its PKCE verifier. */
  exchangeCode(code: string, codeVerifier?: string): Promise<AispTokens> {
    return this.token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.options.redirectUri,
      ...(codeVerifier ? { code_verifier: codeVerifier } : {}),
    });
  }

  /** `grant_type=refresh_token`: a new pair; the refresh token given is spent. */
  refresh(refreshToken: string): Promise<AispTokens> {
    return this.token({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  /** Ends the access: every token of the grant, and the consent at the bank. */
  async revoke(token: string, hint?: 'access_token' | 'refresh_token'): Promise<void> {
    await this.transport.send({
      method: 'POST',
      url: `${this.authUrl}/oauth/revoke`,
      ...this.clientAuth({ token, ...(hint ? { token_type_hint: hint } : {}) }),
      errors: 'oauth',
      idempotent: false,
    });
  }

  /** Reads with a user's tokens, refreshing them as they expire. */
  session(
    tokens: AispTokens,
    options: { onTokens?: (tokens: AispTokens) => void | Promise<void> } = {},
  ): AispSession {
    return new AispSession(this, this.transport, tokens, {
      now: this.now,
      renewBeforeMs: (this.options.renewTokensBeforeSeconds ?? 60) * 1000,
      onTokens: options.onTokens,
    });
  }

  private async token(fields: Record<string, string>): Promise<AispTokens> {
    const issuedAt = this.now();
    const { body } = await this.transport.send({
      method: 'POST',
      url: `${this.authUrl}/oauth/token`,
      ...this.clientAuth(fields),
      errors: 'oauth',
      idempotent: false,
    });
    const answer = (body ?? {}) as Record<string, unknown>;
    return {
      accessToken: String(answer.access_token),
      refreshToken: String(answer.refresh_token),
      tokenType: String(answer.token_type ?? 'Bearer'),
      scope: String(answer.scope ?? '')
        .split(' ')
        .filter(Boolean) as AispScope[],
      expiresAt: issuedAt + Number(answer.expires_in ?? 0) * 1000,
    };
  }

  /** HTTP Basic for a confidential client (RFC 6749 2.3.1); client_id alone for a public one. */
  private clientAuth(fields: Record<string, string>) {
    const headers: Record<string, string> = {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    };
    const form = new URLSearchParams(fields);
    const { clientId, clientSecret } = this.options;
    if (clientSecret) {
      const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
      headers.Authorization = `Basic ${btoa(`${encode(clientId)}:${encode(clientSecret)}`)}`;
    } else {
      form.set('client_id', clientId);
    }
    return { headers, body: form.toString() };
  }
}

/** One user's access: accounts, balances and transactions under their consent. */
export class AispSession {
  private current: AispTokens;
  private refreshing: Promise<AispTokens> | undefined;

  constructor(
    private readonly client: AispClient,
    private readonly transport: Transport,
    tokens: AispTokens,
    private readonly options: {
      now: () => number;
      renewBeforeMs: number;
      onTokens?: ((tokens: AispTokens) => void | Promise<void>) | undefined;
    },
  ) {
    this.current = tokens;
  }

  /** The tokens now (after any refresh). */
  get tokens(): AispTokens {
    return this.current;
  }

  accounts(options: AispReadOptions = {}): Promise<WithResponse<{ accounts: AispAccount[] }>> {
    return this.get('/accounts', {}, options);
  }

  account(accountId: string, options: AispReadOptions = {}): Promise<WithResponse<AispAccount>> {
    return this.get(`/accounts/${encodeURIComponent(accountId)}`, {}, options);
  }

  balances(
    accountId: string,
    options: AispReadOptions = {},
  ): Promise<WithResponse<{ account_id: string; balances: AispBalance[] }>> {
    return this.get(`/accounts/${encodeURIComponent(accountId)}/balances`, {}, options);
  }

  /** One page; pass its `next_cursor` as `cursor` for the next. */
  transactions(
    accountId: string,
    query: AispTransactionQuery & AispReadOptions = {},
  ): Promise<WithResponse<AispTransactionPage>> {
    const params: Record<string, string | undefined> = query.cursor
      ? { cursor: query.cursor }
      : { date_from: query.dateFrom, date_to: query.dateTo, status: query.status };
    return this.get(`/accounts/${encodeURIComponent(accountId)}/transactions`, params, query);
  }

  /** Every transaction of the query, page after page. */
  async *allTransactions(
    accountId: string,
    query: Omit<AispTransactionQuery, 'cursor'> & AispReadOptions = {},
  ): AsyncGenerator<AispTransaction> {
    let page = await this.transactions(accountId, query);
    for (;;) {
      yield* page.transactions;
      if (!page.next_cursor) return;
      page = await this.transactions(accountId, {
        cursor: page.next_cursor,
        psu: query.psu,
        signal: query.signal,
      });
    }
  }

  /** Ends this access, and the consent at the bank. */
  revoke(): Promise<void> {
    return this.client.revoke(this.current.refreshToken, 'refresh_token');
  }

  private async get<T extends object>(
    path: string,
    query: Record<string, string | undefined>,
    options: AispReadOptions,
  ): Promise<WithResponse<T>> {
    const url = new URL(`${this.client.apiUrl}/aisp/v1${path}`);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(name, value);
    }
    for (let renewed = false; ; renewed = true) {
      const tokens = await this.freshTokens();
      try {
        const { body, info } = await this.transport.send({
          method: 'GET',
          url: url.href,
          headers: {
            Accept: 'application/json',
            Authorization: `Bearer ${tokens.accessToken}`,
            ...(options.psu
              ? {
                  'PSU-IP-Address': options.psu.ipAddress,
                  ...(options.psu.userAgent ? { 'PSU-User-Agent': options.psu.userAgent } : {}),
                }
              : {}),
          },
          errors: aispErrorFrom,
          idempotent: true,
          signal: options.signal,
        });
        return withResponse((body ?? {}) as T, info);
      } catch (error) {
        // Refused although it looked fresh (revoked, or a clock off): one refresh, once. A
        // consent that ended refuses the refresh, which then says so.
        if (renewed || !(error instanceof AispInvalidTokenError)) throw error;
        await this.refresh(tokens);
      }
    }
  }

  private async freshTokens(): Promise<AispTokens> {
    if (this.refreshing) return this.refreshing;
    if (this.current.expiresAt - this.options.renewBeforeMs > this.options.now()) {
      return this.current;
    }
    return this.refresh(this.current);
  }

  /** One refresh for every call waiting on it: the refresh token works once. */
  private refresh(stale: AispTokens): Promise<AispTokens> {
    if (this.current !== stale) return Promise.resolve(this.current);
    this.refreshing ??= (async () => {
      try {
        const tokens = await this.client.refresh(stale.refreshToken);
        this.current = tokens;
        await this.options.onTokens?.(tokens);
        return tokens;
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }
}

function randomState(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
