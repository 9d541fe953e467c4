/**
 * A payment from start to end in one call: create it, start its authorisation, choose the SCA
 * method, and hand back what the TPP shows its user (a link to the bank, or a BankID
 * challenge) with the step left for each, then the status until the payment is final. Every
 * status comes with the state a TPP acts on (`pending`, `authorised`, `executed`, `failed`,
 * `cancelled`); a payment that ends failed or cancelled rejects with PaymentFailedError.
 */

import { scaApproachOf } from './consents.js';
import { PaymentFailedError, RedirectCallbackError, ScaFailedError } from './errors.js';
import {
  isFinalPaymentState,
  type PaymentState,
  paymentState,
  type TransactionStatus,
} from './payment-status.js';
import type { PaymentApi, PaymentBody, PaymentRef, PaymentStatusAnswer } from './payments.js';
import { createPkce } from './pkce.js';
import { redirectLink } from './redirect-link.js';
import type { TokenResponse } from './tokens.js';
import { sleep } from './transport.js';
import type { Psu, ScaApproach } from './types.js';

export interface PayOptions {
  /** BIC of the PSU's bank: the debtor account is there. */
  bic: string;
  /** The PSU, present while paying: their IP address and browser go to the bank. */
  psu: Psu;
  /** The payment as the contract names it: amount, debtor and creditor accounts, payee. */
  payment: PaymentBody;
  /** Default `payments`. */
  paymentService?: string;
  /** Default `domestic`; e.g. `sepa-credit-transfers` for euros. */
  paymentProduct?: string;
  /** Where the bank sends the PSU back (redirect SCA); must be registered for the client. */
  redirectUri?: string;
  /** Echoed on the redirect back; default a random UUID. */
  state?: string;
  /** Ask for decoupled SCA (BankID) where the bank offers both. */
  preferDecoupled?: boolean;
  /** The SCA method; default the first the bank offers. */
  authenticationMethodId?: string;
  /** BankID's animated QR code, as for `connect()`: `'image'` (PNG) or `'token'` (text). */
  animatedQr?: 'image' | 'token';
  /** The animated QR code of now: a PNG data URL (`'image'`) or the text to draw (`'token'`). */
  onQrCode?: (code: string) => void;
  signal?: AbortSignal;
}

/** A payment's status, and what it means for the TPP. */
export interface PaymentStatus {
  paymentId: string;
  bic: string;
  transactionStatus: TransactionStatus;
  state: PaymentState;
  /** What the bank said of the funds, once the PSU authorised. */
  fundsAvailable?: boolean;
}

export interface PaymentWaitOptions {
  signal?: AbortSignal;
  /** Between polls; default 2000 ms, 1000 ms with an animated QR code. */
  intervalMs?: number;
}

interface PaymentFlowBase extends Required<Pick<PaymentRef, 'paymentId' | 'bic'>> {
  paymentService: string;
  paymentProduct: string;
  authorisationId: string;
  scaApproach: ScaApproach;
  status(options?: { signal?: AbortSignal }): Promise<PaymentStatus>;
  /**
   * Polls until the payment is executed (debited: ACSC, ACCC, PART); rejects with
   * PaymentFailedError when it ends failed or cancelled.
   */
  waitUntilFinal(options?: PaymentWaitOptions): Promise<PaymentStatus>;
  /** Cancels the payment at the bank, where it still can be (before it is executed). */
  cancel(options?: { signal?: AbortSignal }): Promise<'cancelled' | 'authorisationNeeded'>;
}

export interface RedirectPayment extends PaymentFlowBase {
  kind: 'redirect';
  /** Send the PSU's browser here: Bankbridge's authorize URL, on to the bank's login. */
  url: string;
  state: string;
  redirectUri: string;
  /** Exchanges the code the redirect brought back; resolves with the status after SCA. */
  complete(code: string, options?: { signal?: AbortSignal }): Promise<AuthorisedPayment>;
  /** Reads the redirect back (`?code=...&state=...` or `error=...`), checks state, completes. */
  handleCallback(
    callbackUrl: string | URL,
    options?: { signal?: AbortSignal },
  ): Promise<AuthorisedPayment>;
}

export interface DecoupledPayment extends PaymentFlowBase {
  kind: 'decoupled';
  animatedQr?: 'image';
  /** `challengeData.data[0]`: the BankID autostart token. */
  autostartToken: string;
  /** `bankid:///?autostarttoken=...`: open it on the PSU's device, or show it as a QR code. */
  bankIdLink: string;
  /** The QR code as a PNG data URL; with `animatedQr: 'image'` the code of the start. */
  qrImage: string | undefined;
  psuMessage: string | undefined;
  /** Polls until the PSU signed; rejects with ScaFailedError when they did not. */
  waitUntilAuthorised(options?: PaymentWaitOptions): Promise<AuthorisedPayment>;
}

export interface AnimatedQrPayment extends PaymentFlowBase {
  kind: 'decoupled';
  animatedQr: 'token';
  /** The code of the start, `bankid.<qrStartToken>.<time>.<qrAuthCode>`; then `onQrCode`. */
  qrCode: string;
  autostartToken?: undefined;
  bankIdLink?: undefined;
  psuMessage: string | undefined;
  waitUntilAuthorised(options?: PaymentWaitOptions): Promise<AuthorisedPayment>;
}

/** The PSU authorised: the status after SCA; `token` from the code exchange (redirect). */
export interface AuthorisedPayment extends PaymentStatus {
  authorisationId: string;
  token?: TokenResponse;
}

export type Payment = RedirectPayment | DecoupledPayment;

const ANIMATED_QR_METHODS = {
  image: 'mbid_animated_qr_image',
  token: 'mbid_animated_qr_token',
} as const;

export async function pay(
  payments: PaymentApi,
  clientId: string,
  options: PayOptions,
): Promise<Payment | AnimatedQrPayment> {
  const { bic, psu, signal } = options;
  const paymentService = options.paymentService ?? 'payments';
  const paymentProduct = options.paymentProduct ?? 'domestic';
  const created = await payments.create({
    bic,
    body: options.payment,
    paymentService,
    paymentProduct,
    psu,
    redirectPreferred: options.preferDecoupled ? false : undefined,
    signal,
  });
  const ref = { paymentId: created.paymentId, bic, paymentService, paymentProduct };
  const readStatus = async (o: { signal?: AbortSignal } = {}) =>
    statusOf(ref, await payments.status(ref, o));
  const cancel = async (o: { signal?: AbortSignal } = {}) =>
    (await payments.cancel(ref, o)).outcome;
  try {
    const started = await payments.startAuthorisation(ref, { psu, signal });
    const animated = options.animatedQr;
    const offered = started.scaMethods?.map((m) => m.authenticationMethodId) ?? [];
    const animatedMethod =
      animated && offered[0] === 'mbid' && offered.includes(ANIMATED_QR_METHODS[animated])
        ? ANIMATED_QR_METHODS[animated]
        : undefined;
    const methodId = options.authenticationMethodId ?? animatedMethod ?? offered[0];
    if (!methodId) throw new TypeError(`${bic} offered no SCA method for the payment`);
    const authorisationId = started.authorisationId;
    const selected = await payments.selectMethod(ref, authorisationId, methodId, { psu, signal });
    const scaApproach =
      scaApproachOf(selected) ?? (selected._links?.scaOAuth ? 'REDIRECT' : 'DECOUPLED');
    const base: PaymentFlowBase = {
      ...ref,
      authorisationId,
      scaApproach,
      status: readStatus,
      waitUntilFinal: (o) => waitUntilFinal(payments, ref, o),
      cancel,
    };

    const scaOAuth = selected._links?.scaOAuth?.href;
    if (scaOAuth) {
      if (!options.redirectUri) {
        throw new TypeError(
          `${bic} authenticates by redirect: pay() needs the redirectUri to send the PSU back to`,
        );
      }
      const pkce = await createPkce();
      const state = options.state ?? globalThis.crypto.randomUUID();
      const redirectUri = options.redirectUri;
      const complete = async (code: string, o: { signal?: AbortSignal } = {}) => {
        const token = await payments.exchangeCode({
          ...ref,
          authorisationId,
          code,
          redirectUri,
          codeVerifier: pkce.verifier,
          signal: o.signal,
        });
        const status = failIfEnded(ref, await payments.status(ref, o));
        return { ...status, authorisationId, token };
      };
      return {
        ...base,
        kind: 'redirect',
        url: redirectLink({ template: scaOAuth, clientId, redirectUri, state, pkce }),
        state,
        redirectUri,
        complete,
        async handleCallback(callbackUrl, o = {}) {
          const params = new URL(callbackUrl).searchParams;
          if (params.get('state') !== state) {
            throw new RedirectCallbackError({
              code: 'STATE_MISMATCH',
              text: 'the callback is not for this authorisation (its state differs)',
            });
          }
          const error = params.get('error');
          if (error) {
            throw new ScaFailedError(
              {
                code: 'SCA_FAILED',
                text: `${error}: ${params.get('error_description') ?? 'the PSU did not authorise the payment'}`,
              },
              undefined,
            );
          }
          const code = params.get('code');
          if (!code) {
            throw new RedirectCallbackError({
              code: 'MISSING_CODE',
              text: 'the callback has no code',
            });
          }
          return complete(code, o);
        },
      };
    }

    const qr =
      animatedMethod && animated
        ? { kind: animated, onQrCode: options.onQrCode ?? (() => {}) }
        : undefined;
    const waitUntilAuthorised = (o?: PaymentWaitOptions) =>
      waitForSca(payments, { ...ref, authorisationId }, o, qr);
    if (animatedMethod === ANIMATED_QR_METHODS.token) {
      const qrCode = selected.challengeData?.data?.[0];
      if (!qrCode) throw new TypeError(`${bic} answered the animated QR code without a code`);
      options.onQrCode?.(qrCode);
      return {
        ...base,
        kind: 'decoupled',
        animatedQr: 'token',
        qrCode,
        psuMessage: selected.psuMessage,
        waitUntilAuthorised,
      };
    }
    const autostartToken = selected.challengeData?.data?.[0];
    if (!autostartToken) {
      throw new TypeError(
        `${bic} answered the SCA method with neither a redirect link nor a challenge`,
      );
    }
    if (animatedMethod && selected.challengeData?.image) {
      options.onQrCode?.(selected.challengeData.image);
    }
    return {
      ...base,
      kind: 'decoupled',
      autostartToken,
      bankIdLink: `bankid:///?autostarttoken=${autostartToken}`,
      qrImage: selected.challengeData?.image,
      psuMessage: selected.psuMessage,
      waitUntilAuthorised,
      ...(animatedMethod ? { animatedQr: 'image' as const } : {}),
    };
  } catch (error) {
    // A payment nobody can authorise any more would wait at the bank until it expires.
    await cancel().catch(() => {});
    throw error;
  }
}

type FullRef = Required<PaymentRef>;

function statusOf(ref: FullRef, answer: PaymentStatusAnswer): PaymentStatus {
  return {
    paymentId: ref.paymentId,
    bic: ref.bic,
    transactionStatus: answer.transactionStatus,
    state: paymentState(answer.transactionStatus),
    ...(answer.fundsAvailable === undefined ? {} : { fundsAvailable: answer.fundsAvailable }),
  };
}

/** The status, or PaymentFailedError with the bank's reason when the payment ended unpaid. */
function failIfEnded(ref: FullRef, answer: PaymentStatusAnswer): PaymentStatus {
  const status = statusOf(ref, answer);
  if (status.state !== 'failed' && status.state !== 'cancelled') return status;
  const reason = answer.tppMessages?.find((m) => m.category === 'ERROR');
  throw new PaymentFailedError(
    {
      code: reason?.code ?? (status.state === 'failed' ? 'PAYMENT_FAILED' : 'PAYMENT_CANCELLED'),
      text: reason?.text ?? `the payment is ${status.state} (${status.transactionStatus})`,
    },
    {
      paymentId: ref.paymentId,
      transactionStatus: status.transactionStatus,
      state: status.state,
      reason,
    },
  );
}

async function waitUntilFinal(
  payments: PaymentApi,
  ref: FullRef,
  options: PaymentWaitOptions = {},
): Promise<PaymentStatus> {
  for (;;) {
    const status = failIfEnded(ref, await payments.status(ref, { signal: options.signal }));
    if (isFinalPaymentState(status.state)) return status;
    await sleep(options.intervalMs ?? 2000, options.signal);
  }
}

async function waitForSca(
  payments: PaymentApi,
  ref: FullRef & { authorisationId: string },
  options: PaymentWaitOptions = {},
  qr?: { kind: 'image' | 'token'; onQrCode: (code: string) => void },
): Promise<AuthorisedPayment> {
  // The code changes every second: a slower poll would leave one on the screen too long.
  const intervalMs = options.intervalMs ?? (qr ? 1000 : 2000);
  for (;;) {
    const { scaStatus, challengeData } = await payments.scaStatus(ref, ref.authorisationId, {
      signal: options.signal,
    });
    if (scaStatus === 'finalised') {
      const status = failIfEnded(ref, await payments.status(ref, { signal: options.signal }));
      return { ...status, authorisationId: ref.authorisationId };
    }
    if (scaStatus === 'failed') {
      // A denied SCA usually rejects the payment too; the SCA is still what the TPP acts on
      // (ask the PSU again), so the status only goes into the text.
      const status = statusOf(ref, await payments.status(ref, { signal: options.signal }));
      throw new ScaFailedError(
        {
          code: 'SCA_FAILED',
          text: `the PSU cancelled, or the authentication failed or timed out (the payment is ${status.transactionStatus})`,
        },
        undefined,
      );
    }
    const code = qr?.kind === 'image' ? challengeData?.image : challengeData?.data?.[0];
    if (qr && code) qr.onQrCode(code);
    await sleep(intervalMs, options.signal);
  }
}
