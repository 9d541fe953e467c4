/**
 * A payment from start to end in one call: create it, start its authorisation, choose the SCA
 * method, and hand back what the TPP shows its user (a link to the bank, or a BankID
 * challenge) with the step left for each, then the status until the payment is final. Every
 * status comes with the state a TPP acts on (`pending`, `authorised`, `executed`, `failed`,
 * `cancelled`); a payment that ends failed or cancelled rejects with PaymentFailedError.
 */

import { scaApproachOf } from './consents.js';
import { PaymentFailedError, ScaFailedError } from './errors.js';
import {
  isFinalPaymentState,
  type PaymentState,
  paymentState,
  type TransactionStatus,
} from './payment-status.js';
import type { PaymentApi, PaymentBody, PaymentRef, PaymentStatusAnswer } from './payments.js';
import {
  callbackCode,
  chooseScaMethod,
  decoupledChallenge,
  pollInterval,
  type QrPolls,
  qrPolls,
  showPolledQr,
  startRedirect,
} from './sca-flow.js';
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
    const choice = chooseScaMethod(bic, started, options, 'payment');
    const authorisationId = started.authorisationId;
    const selected = await payments.selectMethod(ref, authorisationId, choice.methodId, {
      psu,
      signal,
    });
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
      const { url, state, redirectUri, pkce } = await startRedirect(
        bic,
        scaOAuth,
        clientId,
        options,
        'pay()',
      );
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
        url,
        state,
        redirectUri,
        complete,
        async handleCallback(callbackUrl, o = {}) {
          // ScaFailedError carries a consent's status; a payment's is not one.
          const code = await callbackCode(callbackUrl, state, 'payment', async () => undefined);
          return complete(code, o);
        },
      };
    }

    const qr = qrPolls(choice, options);
    return {
      ...base,
      kind: 'decoupled',
      ...decoupledChallenge(bic, selected, choice, options),
      waitUntilAuthorised: (o?: PaymentWaitOptions) =>
        waitForSca(payments, { ...ref, authorisationId }, o, qr),
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
  qr?: QrPolls,
): Promise<AuthorisedPayment> {
  const intervalMs = pollInterval(qr, options.intervalMs);
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
    showPolledQr(qr, challengeData);
    await sleep(intervalMs, options.signal);
  }
}
