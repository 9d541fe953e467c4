/**
 * The whole consent flow of the integration guide in one call: create the consent, start its
 * authorisation, choose the SCA method, and hand back what the TPP shows its user, either a
 * link to the bank (redirect) or a BankID challenge (decoupled), with the one step left for
 * each: `complete(code)` after the redirect, `waitUntilValid()` while the PSU uses BankID.
 */
import type { ConsentApi } from './consents.js';
import { scaApproachOf } from './consents.js';
import { ScaFailedError } from './errors.js';
import {
  callbackCode,
  chooseScaMethod,
  decoupledChallenge,
  pollInterval,
  type QrPolls,
  qrPolls,
  type RedirectStart,
  showPolledQr,
  startRedirect,
} from './sca-flow.js';
import type { TokenResponse } from './tokens.js';
import { sleep } from './transport.js';
import type { AccountAccess, ConsentRef, ConsentStatus, Psu, ScaApproach } from './types.js';

export interface ConnectOptions {
  /** BIC of the bank the PSU chose. */
  bic: string;
  /** The PSU, present while connecting: their IP address and browser go to the bank. */
  psu: Psu;
  /** What the consent grants; `{}` lets the PSU pick the accounts at the bank, where offered. */
  access: AccountAccess;
  /** Last valid day (YYYY-MM-DD); default 90 days from today. The bank may shorten it. */
  validUntil?: string;
  /** Unattended reads per day and account; default 4. The bank may lower it. */
  frequencyPerDay?: number;
  /**
   * Default true. A one-off consent (false) allows each read once for its whole life, so
   * paging through transactions needs a recurring one.
   */
  recurringIndicator?: boolean;
  /** Where the bank sends the PSU back (redirect SCA); must be registered for the client. */
  redirectUri?: string;
  /** Echoed on the redirect back, to find the PSU's session; default a random UUID. */
  state?: string;
  /** Ask for decoupled SCA (BankID) where the bank offers both (`TPP-Redirect-Preferred: false`). */
  preferDecoupled?: boolean;
  /** The SCA method to use; default the first the bank offers, as the guide does. */
  authenticationMethodId?: string;
  /**
   * BankID's animated QR code, which changes every second, where the bank signs with BankID:
   * `'image'` (`mbid_animated_qr_image`) hands over a PNG of it and keeps the autostart token
   * for the same-device link; `'token'` (`mbid_animated_qr_token`) hands over the text to draw
   * (`bankid.<qrStartToken>.<time>.<qrAuthCode>`) and no autostart token. Polls then come every
   * second by default, each bringing the code of its second to `onQrCode`.
   */
  animatedQr?: 'image' | 'token';
  /** The animated QR code of now: a PNG data URL (`'image'`) or the text to draw (`'token'`). */
  onQrCode?: (code: string) => void;
  signal?: AbortSignal;
}

/** A consent the PSU authorised: `valid`, ready for `accountInformation()`. */
export interface ConnectedConsent extends ConsentRef {
  authorisationId: string;
  consentStatus: 'valid';
  /** Redirect only: the token the authorization code gave (the client's own works as well). */
  token?: TokenResponse;
}

interface ConnectionBase extends ConsentRef {
  authorisationId: string;
  scaApproach: ScaApproach;
  /** The consent's status now. */
  status(options?: { signal?: AbortSignal }): Promise<ConsentStatus>;
  /**
   * Gives up: deletes the consent (`terminatedByTpp`), which also ends its SCA. For a PSU who
   * leaves, or a TPP shutting down, so no consent is left waiting.
   */
  cancel(options?: { signal?: AbortSignal }): Promise<void>;
}

export interface RedirectConnection extends ConnectionBase {
  kind: 'redirect';
  /** Send the PSU's browser here: Bankbridge's authorize URL, on to the bank's login. */
  url: string;
  state: string;
  redirectUri: string;
  /** Exchanges the code the redirect brought back; resolves when the consent is valid. */
  complete(code: string, options?: { signal?: AbortSignal }): Promise<ConnectedConsent>;
  /**
   * Reads the redirect back (`<redirectUri>?code=...&state=...`, or `error=access_denied`),
   * checks its state, and completes.
   */
  handleCallback(
    callbackUrl: string | URL,
    options?: { signal?: AbortSignal },
  ): Promise<ConnectedConsent>;
}

export interface DecoupledConnection extends ConnectionBase {
  kind: 'decoupled';
  /** `'image'` when connected with `animatedQr: 'image'`: `qrImage` is its code of the start. */
  animatedQr?: 'image';
  /** `challengeData.data[0]`: the BankID autostart token. */
  autostartToken: string;
  /** `bankid:///?autostarttoken=...`: open it on the PSU's device, or show it as a QR code. */
  bankIdLink: string;
  /**
   * The QR code of `bankIdLink` as a PNG data URL, for an `<img src>`; with `animatedQr:
   * 'image'` the animated code of the start (later ones come to `onQrCode`).
   */
  qrImage: string | undefined;
  /** A text for the PSU, from the bank. */
  psuMessage: string | undefined;
  /** Polls until the PSU approved; rejects with ScaFailedError when they did not. */
  waitUntilValid(options?: WaitOptions): Promise<ConnectedConsent>;
}

/** A BankID SCA with `animatedQr: 'token'`: the TPP draws each second's code itself. */
export interface AnimatedQrConnection extends ConnectionBase {
  kind: 'decoupled';
  animatedQr: 'token';
  /** The code of the start, `bankid.<qrStartToken>.<time>.<qrAuthCode>`; then `onQrCode`. */
  qrCode: string;
  autostartToken?: undefined;
  bankIdLink?: undefined;
  psuMessage: string | undefined;
  /** Polls (every second by default) until the PSU approved, handing each code to `onQrCode`. */
  waitUntilValid(options?: WaitOptions): Promise<ConnectedConsent>;
}

export type Connection = RedirectConnection | DecoupledConnection;

export interface WaitOptions {
  signal?: AbortSignal;
  /** Between polls; default 2000 ms, 1000 ms with an animated QR code. */
  intervalMs?: number;
}

/** Consent statuses after which nothing the PSU does makes it valid. */
const ENDED: ReadonlySet<string> = new Set([
  'rejected',
  'revokedByPsu',
  'expired',
  'terminatedByTpp',
]);

export async function connect(
  consents: ConsentApi,
  clientId: string,
  options: ConnectOptions,
  today: Date,
): Promise<Connection | AnimatedQrConnection> {
  const { bic, psu, signal } = options;
  const created = await consents.create({
    bic,
    access: options.access,
    validUntil: options.validUntil ?? isoDate(today, 90),
    frequencyPerDay: options.frequencyPerDay ?? 4,
    recurringIndicator: options.recurringIndicator ?? true,
    psu,
    redirectPreferred: options.preferDecoupled ? false : undefined,
    signal,
  });
  const ref: ConsentRef = { consentId: created.consentId, bic };
  const cancel = async (cancelOptions: { signal?: AbortSignal } = {}) => {
    await consents.delete(ref, cancelOptions);
  };
  try {
    const started = await consents.startAuthorisation(ref, { psu, signal });
    const choice = chooseScaMethod(bic, started, options, 'consent');
    const authorisationId = started.authorisationId;
    const selected = await consents.selectMethod(ref, authorisationId, choice.methodId, {
      psu,
      signal,
    });
    const scaApproach =
      scaApproachOf(selected) ?? (selected._links?.scaOAuth ? 'REDIRECT' : 'DECOUPLED');
    const base = {
      ...ref,
      authorisationId,
      scaApproach,
      status: async (o: { signal?: AbortSignal } = {}) =>
        (await consents.status(ref, o)).consentStatus,
      cancel,
    };

    const scaOAuth = selected._links?.scaOAuth?.href;
    if (scaOAuth) {
      const redirect = await startRedirect(bic, scaOAuth, clientId, options, 'connect()');
      return redirectConnection(consents, base, redirect);
    }
    const qr = qrPolls(choice, options);
    return {
      ...base,
      kind: 'decoupled',
      ...decoupledChallenge(bic, selected, choice, options),
      waitUntilValid: (waitOptions?: WaitOptions) =>
        waitUntilValid(consents, { ...ref, authorisationId }, waitOptions, qr),
    };
  } catch (error) {
    // A consent nobody can authorise any more would wait for SCA until it times out.
    await cancel().catch(() => {});
    throw error;
  }
}

function redirectConnection(
  consents: ConsentApi,
  base: ConsentRef & Omit<ConnectionBase, 'consentId' | 'bic'>,
  link: RedirectStart,
): RedirectConnection {
  const complete = async (code: string, options: { signal?: AbortSignal } = {}) => {
    const token = await consents.exchangeCode({
      consentId: base.consentId,
      bic: base.bic,
      authorisationId: base.authorisationId,
      code,
      redirectUri: link.redirectUri,
      codeVerifier: link.pkce.verifier,
      signal: options.signal,
    });
    // As the guide recommends: the token says the bank agreed; the status says it is so.
    const { consentStatus } = await consents.status(base, options);
    if (consentStatus !== 'valid') {
      throw new ScaFailedError(
        { code: 'SCA_FAILED', text: `the consent is ${consentStatus} after the redirect` },
        consentStatus,
        { approvedByPsu: true },
      );
    }
    return {
      consentId: base.consentId,
      bic: base.bic,
      authorisationId: base.authorisationId,
      consentStatus,
      token,
    } satisfies ConnectedConsent;
  };

  return {
    ...base,
    kind: 'redirect',
    url: link.url,
    state: link.state,
    redirectUri: link.redirectUri,
    complete,
    async handleCallback(callbackUrl, options = {}) {
      const code = await callbackCode(callbackUrl, link.state, 'consent', () =>
        consents
          .status(base, options)
          .then((s) => s.consentStatus)
          .catch(() => undefined),
      );
      return complete(code, options);
    },
  };
}

async function waitUntilValid(
  consents: ConsentApi,
  ref: ConsentRef & { authorisationId: string },
  options: WaitOptions = {},
  qr?: QrPolls,
): Promise<ConnectedConsent> {
  const intervalMs = pollInterval(qr, options.intervalMs);
  for (;;) {
    const { consentStatus } = await consents.status(ref, { signal: options.signal });
    if (consentStatus === 'valid') {
      return {
        consentId: ref.consentId,
        bic: ref.bic,
        authorisationId: ref.authorisationId,
        consentStatus,
      };
    }
    if (ENDED.has(consentStatus)) {
      throw new ScaFailedError(
        {
          code: 'SCA_FAILED',
          text: `the consent ended ${consentStatus} before the PSU approved it`,
        },
        consentStatus,
      );
    }
    // A failed BankID order can leave the consent `received`: the authorisation tells.
    const { scaStatus, challengeData } = await consents.scaStatus(ref, ref.authorisationId, {
      signal: options.signal,
    });
    showPolledQr(qr, challengeData);
    if (scaStatus === 'failed') {
      throw new ScaFailedError(
        {
          code: 'SCA_FAILED',
          text: 'the PSU cancelled, or the authentication failed or timed out',
        },
        consentStatus,
      );
    }
    await sleep(intervalMs, options.signal);
  }
}

/** The UTC date `days` after `from`, as YYYY-MM-DD. */
function isoDate(from: Date, days: number): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
