/**
 * A call to the NextGenPSD2 API as every operation makes it: the scope's token, the JSON
 * headers, the request id, and one new token when the API refuses the one it had (it may
 * have been revoked or have expired early); the refused call never reached the service, so
 * sending it again is safe even when it is not a GET.
 */
import { TokenInvalidError } from './errors.js';
import type { TokenManager, TokenResponse } from './tokens.js';
import type { ResponseInfo, Transport } from './transport.js';
import type { Psu, WithResponse } from './types.js';

export type Service = 'aspspinformation' | 'accountinformation' | 'paymentinitiation';

export interface ApiCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A path under the API URL (`/psd2/...`), or a link the API gave (`_links`). */
  path: string;
  service: Service;
  query?: Record<string, string | boolean | undefined> | undefined;
  headers?: Record<string, string | undefined>;
  body?: unknown;
  signal?: AbortSignal | undefined;
}

export class ApiCaller {
  constructor(
    private readonly transport: Transport,
    readonly tokens: TokenManager,
    readonly apiUrl: string,
    /** `private` or `corporate`: the context every service scope is asked for in. */
    private readonly context: string,
  ) {}

  scope(service: Service): string {
    return `${service} ${this.context}`;
  }

  /**
   * Ends a redirect SCA: the code from the redirect, exchanged at the auth server with the
   * headers that name the resource and its authorisation (`X-ConsentId`, `X-PaymentId`, ...).
   */
  redeemCode(
    service: Service,
    exchange: {
      code: string;
      redirectUri: string;
      codeVerifier?: string | undefined;
      signal?: AbortSignal | undefined;
    },
    headers: Record<string, string>,
  ): Promise<TokenResponse> {
    return this.tokens.request(
      {
        grant_type: 'authorization_code',
        code: exchange.code,
        redirect_uri: exchange.redirectUri,
        scope: this.scope(service),
        ...(exchange.codeVerifier ? { code_verifier: exchange.codeVerifier } : {}),
      },
      headers,
      exchange.signal,
    );
  }

  async call<T>(call: ApiCall): Promise<{ body: T; info: ResponseInfo }> {
    const url = this.url(call.path, call.query);
    const scope = this.scope(call.service);
    for (let renewed = false; ; renewed = true) {
      const token = await this.tokens.token(scope);
      const headers: Record<string, string> = {
        Accept: 'application/json',
        Authorization: `Bearer ${token}`,
      };
      if (call.body !== undefined) headers['Content-Type'] = 'application/json';
      for (const [name, value] of Object.entries(call.headers ?? {})) {
        if (value !== undefined) headers[name] = value;
      }
      try {
        const { body, info } = await this.transport.send({
          method: call.method,
          url,
          headers,
          ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
          errors: 'psd2',
          idempotent: call.method === 'GET',
          signal: call.signal,
        });
        return { body: body as T, info };
      } catch (error) {
        if (renewed || !(error instanceof TokenInvalidError)) throw error;
        this.tokens.invalidate(scope, token);
      }
    }
  }

  /** `call` with the body returned as the operation's answer, `$response` attached. */
  async answer<T extends object>(call: ApiCall): Promise<WithResponse<T>> {
    const { body, info } = await this.call<T>(call);
    return withResponse((body ?? {}) as T, info);
  }

  private url(path: string, query: ApiCall['query']): string {
    const url = new URL(path, this.apiUrl);
    // Tokens go to the API only: a link that points elsewhere is not followed.
    if (url.origin !== new URL(this.apiUrl).origin) {
      throw new TypeError(`${path} is not on the Bankbridge API (${this.apiUrl})`);
    }
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url.href;
  }
}

/**
 * Attaches the call's ResponseInfo as `$response`, not enumerable, so that spreading the body,
 * comparing it or writing it as JSON sees the API's answer only.
 */
export function withResponse<T extends object>(body: T, info: ResponseInfo): WithResponse<T> {
  Object.defineProperty(body, '$response', { value: info, enumerable: false });
  return body as WithResponse<T>;
}

/** The PSU-* headers of a call the PSU makes while present; none for a call in the background. */
export function psuHeaders(psu: Psu | undefined): Record<string, string | undefined> {
  if (!psu) return {};
  return {
    'PSU-IP-Address': psu.ipAddress,
    'PSU-User-Agent': psu.userAgent,
    'PSU-ID': psu.id,
    'PSU-Corporate-ID': psu.corporateId,
  };
}

/**
 * The headers of a consent's or payment's creation: the bank, the PSU, and
 * `TPP-Redirect-Preferred` only where the TPP chose an approach.
 */
export function creationHeaders(request: {
  bic: string;
  psu?: Psu | undefined;
  redirectPreferred?: boolean | undefined;
}): Record<string, string | undefined> {
  return {
    'X-BicFi': request.bic,
    ...psuHeaders(request.psu),
    ...(request.redirectPreferred === undefined
      ? {}
      : { 'TPP-Redirect-Preferred': String(request.redirectPreferred) }),
  };
}

/** A path segment, encoded. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
