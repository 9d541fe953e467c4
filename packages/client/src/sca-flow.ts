/**
 * The SCA steps `connect()` and `pay()` both take once the PSU's authorisation is started:
 * which method to choose, the redirect link or the BankID challenge the TPP shows, the QR code
 * of each poll, and reading the redirect back. A consent and a payment differ in what they ask
 * the bank and what they wait for, not in these.
 */
import { RedirectCallbackError, ScaFailedError } from './errors.js';
import { createPkce, type Pkce } from './pkce.js';
import { redirectLink } from './redirect-link.js';
import type { ScaStatusResponse, SelectedMethod, StartedAuthorisation } from './types.js';

const ANIMATED_QR_METHODS = {
  image: 'mbid_animated_qr_image',
  token: 'mbid_animated_qr_token',
} as const;

export type AnimatedQr = keyof typeof ANIMATED_QR_METHODS;

/** What the TPP asked of the SCA, in `ConnectOptions` and `PayOptions` alike. */
export interface ScaPreferences {
  authenticationMethodId?: string | undefined;
  animatedQr?: AnimatedQr | undefined;
  onQrCode?: ((code: string) => void) | undefined;
  redirectUri?: string | undefined;
  state?: string | undefined;
}

export interface ScaMethodChoice {
  methodId: string;
  /** The animated QR code asked for, where the bank offers it; undefined otherwise. */
  animated: AnimatedQr | undefined;
}

/**
 * The method to select: the TPP's own, else the animated QR code it asked for, else the bank's
 * first, as the guide does. `what` names the resource in the error when there is none.
 */
export function chooseScaMethod(
  bic: string,
  started: StartedAuthorisation,
  preferences: ScaPreferences,
  what: 'consent' | 'payment',
): ScaMethodChoice {
  const asked = preferences.animatedQr;
  const offered = started.scaMethods?.map((m) => m.authenticationMethodId) ?? [];
  // Only where the approach is BankID (its method first): elsewhere the bank's first method
  // stands, as without the option.
  const animated =
    asked && offered[0] === 'mbid' && offered.includes(ANIMATED_QR_METHODS[asked])
      ? asked
      : undefined;
  const methodId =
    preferences.authenticationMethodId ??
    (animated ? ANIMATED_QR_METHODS[animated] : undefined) ??
    offered[0];
  if (!methodId) throw new TypeError(`${bic} offered no SCA method for the ${what}`);
  return { methodId, animated };
}

export interface RedirectStart {
  /** Bankbridge's authorize URL with the TPP's client id, redirect URI, state and PKCE. */
  url: string;
  state: string;
  redirectUri: string;
  pkce: Pkce;
}

/** The link to send the PSU to for a redirect SCA; `caller` names the call that needs the URI. */
export async function startRedirect(
  bic: string,
  template: string,
  clientId: string,
  preferences: ScaPreferences,
  caller: 'connect()' | 'pay()',
): Promise<RedirectStart> {
  const redirectUri = preferences.redirectUri;
  if (!redirectUri) {
    throw new TypeError(
      `${bic} authenticates by redirect: ${caller} needs the redirectUri to send the PSU back to`,
    );
  }
  const state = preferences.state ?? globalThis.crypto.randomUUID();
  const pkce = await createPkce();
  return {
    url: redirectLink({ template, clientId, redirectUri, state, pkce }),
    state,
    redirectUri,
    pkce,
  };
}

/**
 * The code a redirect back brought (`<redirectUri>?code=...&state=...`), once its state shows it
 * is for this authorisation. A refusal (`error=access_denied`) rejects with ScaFailedError
 * carrying what `statusNow` reads.
 */
export async function callbackCode(
  callbackUrl: string | URL,
  state: string,
  what: 'consent' | 'payment',
  statusNow: () => Promise<string | undefined>,
): Promise<string> {
  const params = new URL(callbackUrl).searchParams;
  if (params.get('state') !== state) {
    throw new RedirectCallbackError({
      code: 'STATE_MISMATCH',
      text: 'the callback is not for this authorisation (its state differs)',
    });
  }
  const error = params.get('error');
  if (error) {
    const status = await statusNow();
    throw new ScaFailedError(
      {
        code: 'SCA_FAILED',
        text: `${error}: ${params.get('error_description') ?? `the PSU did not authorise the ${what}`}`,
      },
      status,
    );
  }
  const code = params.get('code');
  if (!code) {
    throw new RedirectCallbackError({ code: 'MISSING_CODE', text: 'the callback has no code' });
  }
  return code;
}

/** What a decoupled SCA shows the PSU: an animated QR code drawn by the TPP, or BankID's start. */
export type DecoupledChallenge =
  | { animatedQr: 'token'; qrCode: string; psuMessage: string | undefined }
  | {
      animatedQr?: 'image';
      autostartToken: string;
      bankIdLink: string;
      qrImage: string | undefined;
      psuMessage: string | undefined;
    };

/** The challenge of a decoupled answer; an animated code of the start goes to `onQrCode`. */
export function decoupledChallenge(
  bic: string,
  selected: SelectedMethod,
  choice: ScaMethodChoice,
  preferences: ScaPreferences,
): DecoupledChallenge {
  if (choice.animated === 'token') {
    const qrCode = selected.challengeData?.data?.[0];
    if (!qrCode) throw new TypeError(`${bic} answered the animated QR code without a code`);
    preferences.onQrCode?.(qrCode);
    return { animatedQr: 'token', qrCode, psuMessage: selected.psuMessage };
  }
  const autostartToken = selected.challengeData?.data?.[0];
  if (!autostartToken) {
    throw new TypeError(
      `${bic} answered the SCA method with neither a redirect link nor a challenge`,
    );
  }
  if (choice.animated && selected.challengeData?.image) {
    preferences.onQrCode?.(selected.challengeData.image);
  }
  return {
    autostartToken,
    bankIdLink: `bankid:///?autostarttoken=${autostartToken}`,
    qrImage: selected.challengeData?.image,
    psuMessage: selected.psuMessage,
    ...(choice.animated ? { animatedQr: 'image' as const } : {}),
  };
}

/** Where an animated QR code was chosen: the kind each poll brings, and who shows it. */
export interface QrPolls {
  kind: AnimatedQr;
  onQrCode: (code: string) => void;
}

export function qrPolls(choice: ScaMethodChoice, preferences: ScaPreferences): QrPolls | undefined {
  return choice.animated
    ? { kind: choice.animated, onQrCode: preferences.onQrCode ?? (() => {}) }
    : undefined;
}

/** Hands the animated QR code a poll of the SCA status brought to `onQrCode`. */
export function showPolledQr(
  qr: QrPolls | undefined,
  challengeData: ScaStatusResponse['challengeData'],
): void {
  const code = qr?.kind === 'image' ? challengeData?.image : challengeData?.data?.[0];
  if (qr && code) qr.onQrCode(code);
}

/** The interval between polls: the animated code changes every second, so poll that often. */
export function pollInterval(qr: QrPolls | undefined, intervalMs: number | undefined): number {
  return intervalMs ?? (qr ? 1000 : 2000);
}
