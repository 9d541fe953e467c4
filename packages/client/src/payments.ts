/**
 * The Payment Initiation API (`/psd2/paymentinitiation/v1`), operation by operation, plus the
 * auth server's code exchange that ends a payment's redirect SCA. `pay()` strings them
 * together; these are for a TPP that wants each step in its own hands.
 */
import { type ApiCaller, creationHeaders, psuHeaders, segment } from './api-caller.js';
import type { TppMessage } from './errors.js';
import type { TransactionStatus } from './payment-status.js';
import type { TokenResponse } from './tokens.js';
import type { ResponseInfo } from './transport.js';
import type {
  AccountReference,
  AuthorisationIds,
  Psu,
  ScaStatusResponse,
  SelectedMethod,
  StartedAuthorisation,
  WithResponse,
} from './types.js';

const BASE = '/psd2/paymentinitiation/v1';

/** What names a payment in every call after its creation. */
export interface PaymentRef {
  paymentId: string;
  /** BIC of the bank the payment is at (`X-BicFi`). */
  bic: string;
  /** `payments`, `periodic-payments` or `bulk-payments`; default `payments`. */
  paymentService?: string | undefined;
  /** e.g. `domestic`, `sepa-credit-transfers`; default `domestic`. */
  paymentProduct?: string | undefined;
}

/** A single payment's body as the contract names its fields. */
export interface PaymentBody {
  instructedAmount: { currency: string; amount: string };
  debtorAccount: AccountReference;
  creditorAccount: AccountReference;
  creditorName: string;
  remittanceInformationUnstructured?: string;
  endToEndIdentification?: string;
  requestedExecutionDate?: string;
  [field: string]: unknown;
}

export interface CreatePaymentRequest {
  bic: string;
  body: PaymentBody | Record<string, unknown>;
  paymentService?: string;
  paymentProduct?: string;
  psu?: Psu | undefined;
  /** `TPP-Redirect-Preferred`: false asks for decoupled SCA where the bank offers it. */
  redirectPreferred?: boolean | undefined;
  signal?: AbortSignal | undefined;
}

export interface PaymentCallOptions {
  psu?: Psu | undefined;
  signal?: AbortSignal | undefined;
}

export interface CreatedPaymentAnswer {
  paymentId: string;
  transactionStatus: TransactionStatus;
  psuMessage?: string;
  _links?: Record<string, { href: string }>;
}

export interface PaymentStatusAnswer {
  transactionStatus: TransactionStatus;
  fundsAvailable?: boolean;
  /** For a rejected payment: the bank's reason (FUNDS_NOT_AVAILABLE, PAYMENT_FAILED). */
  tppMessages?: TppMessage[];
}

export type PaymentInformation = Record<string, unknown> & {
  transactionStatus: TransactionStatus;
};

export interface PaymentCodeExchange extends PaymentRef {
  authorisationId: string;
  /** The code ends a cancellation authorisation's SCA (`X-PaymentCancellationId`). */
  cancellation?: boolean;
  code: string;
  redirectUri: string;
  codeVerifier?: string | undefined;
  signal?: AbortSignal | undefined;
}

export class PaymentApi {
  constructor(private readonly api: ApiCaller) {}

  /** Initiate Payment: 201 RCVD. `$response.headers` carry Location and ASPSP-SCA-Approach. */
  create(request: CreatePaymentRequest): Promise<WithResponse<CreatedPaymentAnswer>> {
    return this.api.answer({
      method: 'POST',
      path: `${BASE}/${segment(request.paymentService ?? 'payments')}/${segment(request.paymentProduct ?? 'domestic')}`,
      service: 'paymentinitiation',
      headers: creationHeaders(request),
      body: request.body,
      signal: request.signal,
    });
  }

  /** The payment as posted, with its status now. */
  get(
    ref: PaymentRef,
    options: PaymentCallOptions = {},
  ): Promise<WithResponse<PaymentInformation>> {
    return this.api.answer(this.paymentCall('GET', ref, '', options));
  }

  status(
    ref: PaymentRef,
    options: PaymentCallOptions = {},
  ): Promise<WithResponse<PaymentStatusAnswer>> {
    return this.api.answer(this.paymentCall('GET', ref, '/status', options));
  }

  /**
   * Cancel Payment: resolves `cancelled` when the bank dropped it (204), `authorisationNeeded`
   * when the PSU must authorise the cancellation (202, `/cancellation-authorisations`).
   */
  async cancel(
    ref: PaymentRef,
    options: PaymentCallOptions = {},
  ): Promise<{ outcome: 'cancelled' | 'authorisationNeeded'; $response: ResponseInfo }> {
    const { info } = await this.api.call(this.paymentCall('DELETE', ref, '', options));
    return { outcome: info.status === 204 ? 'cancelled' : 'authorisationNeeded', $response: info };
  }

  /** Start Payment Authorisation (no body): the SCA methods and the authorisation id. */
  startAuthorisation(
    ref: PaymentRef,
    options: PaymentCallOptions & { cancellation?: boolean } = {},
  ): Promise<WithResponse<StartedAuthorisation>> {
    return this.api.answer(this.paymentCall('POST', ref, `/${sca(options)}`, options));
  }

  authorisations(
    ref: PaymentRef,
    options: PaymentCallOptions & { cancellation?: boolean } = {},
  ): Promise<WithResponse<AuthorisationIds | { cancellationIds: string[] }>> {
    return this.api.answer(this.paymentCall('GET', ref, `/${sca(options)}`, options));
  }

  scaStatus(
    ref: PaymentRef,
    authorisationId: string,
    options: PaymentCallOptions & { cancellation?: boolean } = {},
  ): Promise<WithResponse<ScaStatusResponse>> {
    return this.api.answer(
      this.paymentCall('GET', ref, `/${sca(options)}/${segment(authorisationId)}`, options),
    );
  }

  /** Update PSU Data with the chosen method: a decoupled challenge or `_links.scaOAuth`. */
  selectMethod(
    ref: PaymentRef,
    authorisationId: string,
    authenticationMethodId: string,
    options: PaymentCallOptions & { cancellation?: boolean } = {},
  ): Promise<WithResponse<SelectedMethod>> {
    return this.api.answer({
      ...this.paymentCall('PUT', ref, `/${sca(options)}/${segment(authorisationId)}`, options),
      body: { authenticationMethodId },
    });
  }

  /**
   * Ends a redirect SCA: the code from the redirect, exchanged at the auth server with
   * X-PaymentId and X-PaymentAuthorisationId (a cancellation's: X-PaymentCancellationId), after
   * which the bank has the PSU's authorisation.
   */
  exchangeCode(exchange: PaymentCodeExchange): Promise<TokenResponse> {
    return this.api.redeemCode('paymentinitiation', exchange, {
      'X-PaymentId': exchange.paymentId,
      [exchange.cancellation ? 'X-PaymentCancellationId' : 'X-PaymentAuthorisationId']:
        exchange.authorisationId,
    });
  }

  private paymentCall(
    method: 'GET' | 'POST' | 'DELETE' | 'PUT',
    ref: PaymentRef,
    suffix: string,
    options: PaymentCallOptions,
  ) {
    return {
      method,
      path: `${BASE}/${segment(ref.paymentService ?? 'payments')}/${segment(ref.paymentProduct ?? 'domestic')}/${segment(ref.paymentId)}${suffix}`,
      service: 'paymentinitiation' as const,
      headers: { 'X-BicFi': ref.bic, ...psuHeaders(options.psu) },
      signal: options.signal,
    };
  }
}

function sca(options: { cancellation?: boolean }): string {
  return options.cancellation ? 'cancellation-authorisations' : 'authorisations';
}
