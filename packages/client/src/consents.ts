/**
 * The Consent API (`/psd2/consent/v1`), operation by operation, plus the auth server's code
 * exchange that ends a redirect SCA. `connect()` strings them together; these are for a TPP
 * that wants each step in its own hands.
 */
import { type ApiCaller, creationHeaders, psuHeaders, segment } from './api-caller.js';
import type { TokenResponse } from './tokens.js';
import type { ResponseInfo } from './transport.js';
import type {
  AccountAccess,
  AuthorisationIds,
  ConsentInformation,
  ConsentRef,
  ConsentStatusResponse,
  CreatedConsent,
  Psu,
  ScaApproach,
  ScaStatusResponse,
  SelectedMethod,
  StartedAuthorisation,
  WithResponse,
} from './types.js';

const BASE = '/psd2/consent/v1/consents';

export interface CreateConsentRequest {
  /** BIC of the bank the PSU chose (`X-BicFi`). */
  bic: string;
  /** What the consent grants; `{}` lets the PSU pick accounts at the bank, where offered. */
  access: AccountAccess;
  /** Last day the consent is valid (YYYY-MM-DD); the bank may shorten it. */
  validUntil: string;
  /** Unattended reads per day and account; the bank may lower it. */
  frequencyPerDay: number;
  /** false: a one-off consent, each read allowed once. */
  recurringIndicator: boolean;
  combinedServiceIndicator?: boolean;
  /** The PSU, present while the consent is created; some banks require its IP and browser. */
  psu?: Psu | undefined;
  /** `TPP-Redirect-Preferred`: false asks for decoupled SCA where the bank offers it. */
  redirectPreferred?: boolean | undefined;
  signal?: AbortSignal | undefined;
}

export interface ConsentCallOptions {
  /** The PSU, when present: forwarded to the bank. */
  psu?: Psu | undefined;
  signal?: AbortSignal | undefined;
}

export interface CodeExchange extends ConsentRef {
  authorisationId: string;
  code: string;
  /** The redirect URI the scaOAuth link was sent with, exactly. */
  redirectUri: string;
  /** The PKCE verifier, when the link carried a code_challenge. */
  codeVerifier?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** The `ASPSP-SCA-Approach` an answer announced, if any. */
export function scaApproachOf(answer: { $response: ResponseInfo }): ScaApproach | undefined {
  const value = answer.$response.headers.get('aspsp-sca-approach');
  return value ? (value.toUpperCase() as ScaApproach) : undefined;
}

export class ConsentApi {
  constructor(private readonly api: ApiCaller) {}

  /** Create Consent. The answer's `$response.headers` carry Location and ASPSP-SCA-Approach. */
  create(request: CreateConsentRequest): Promise<WithResponse<CreatedConsent>> {
    return this.api.answer({
      method: 'POST',
      path: BASE,
      service: 'accountinformation',
      headers: creationHeaders(request),
      body: {
        access: request.access,
        combinedServiceIndicator: request.combinedServiceIndicator ?? false,
        frequencyPerDay: request.frequencyPerDay,
        recurringIndicator: request.recurringIndicator,
        validUntil: request.validUntil,
      },
      signal: request.signal,
    });
  }

  /** The consent's terms and status; for a bank-offered consent, the accounts the PSU picked. */
  get(
    ref: ConsentRef,
    options: ConsentCallOptions = {},
  ): Promise<WithResponse<ConsentInformation>> {
    return this.api.answer(this.consentCall('GET', ref, '', options));
  }

  status(
    ref: ConsentRef,
    options: ConsentCallOptions = {},
  ): Promise<WithResponse<ConsentStatusResponse>> {
    return this.api.answer(this.consentCall('GET', ref, '/status', options));
  }

  /** Delete Consent: it ends `terminatedByTpp`, also while its SCA is still going on. */
  async delete(ref: ConsentRef, options: ConsentCallOptions = {}): Promise<ResponseInfo> {
    const { info } = await this.api.call(this.consentCall('DELETE', ref, '', options));
    return info;
  }

  /** Start Consent Authorisation: the SCA methods and the authorisation id. */
  startAuthorisation(
    ref: ConsentRef,
    options: ConsentCallOptions = {},
  ): Promise<WithResponse<StartedAuthorisation>> {
    return this.api.answer(this.consentCall('POST', ref, '/authorisations', options));
  }

  authorisations(
    ref: ConsentRef,
    options: ConsentCallOptions = {},
  ): Promise<WithResponse<AuthorisationIds>> {
    return this.api.answer(this.consentCall('GET', ref, '/authorisations', options));
  }

  scaStatus(
    ref: ConsentRef,
    authorisationId: string,
    options: ConsentCallOptions = {},
  ): Promise<WithResponse<ScaStatusResponse>> {
    return this.api.answer(
      this.consentCall('GET', ref, `/authorisations/${segment(authorisationId)}`, options),
    );
  }

  /**
   * Update PSU Data with the chosen method: starts the SCA. Decoupled answers carry
   * `challengeData` (autostart token, QR image), redirect ones `_links.scaOAuth`; see
   * `scaApproachOf`.
   */
  selectMethod(
    ref: ConsentRef,
    authorisationId: string,
    authenticationMethodId: string,
    options: ConsentCallOptions = {},
  ): Promise<WithResponse<SelectedMethod>> {
    return this.api.answer({
      ...this.consentCall('PUT', ref, `/authorisations/${segment(authorisationId)}`, options),
      body: { authenticationMethodId },
    });
  }

  /**
   * Ends a redirect SCA as the integration guide does: the code from the redirect, exchanged
   * at the auth server with X-ConsentId and X-ConsentAuthorisationId. The consent is then
   * valid; the token it returns reads accounts under it like the client's own token does.
   */
  exchangeCode(exchange: CodeExchange): Promise<TokenResponse> {
    return this.api.redeemCode('accountinformation', exchange, {
      'X-ConsentId': exchange.consentId,
      'X-ConsentAuthorisationId': exchange.authorisationId,
    });
  }

  private consentCall(
    method: 'GET' | 'POST' | 'DELETE' | 'PUT',
    ref: ConsentRef,
    suffix: string,
    options: ConsentCallOptions,
  ) {
    return {
      method,
      path: `${BASE}/${segment(ref.consentId)}${suffix}`,
      service: 'accountinformation' as const,
      headers: { 'X-BicFi': ref.bic, ...psuHeaders(options.psu) },
      signal: options.signal,
    };
  }
}
