/**
 * Which SCA approach an authorisation uses, and the SCA methods Bankbridge offers
 * the TPP (`scaMethods` of the contract).
 */
import type { ScaApproach } from '../../registry/types.js';
import { formatError, type ScaRuleError, scaMethodUnknown } from './errors.js';

export type { ScaApproach };

/** `authenticationObject` of the contract. */
export interface ScaMethod {
  authenticationType: 'SMS_OTP' | 'CHIP_OTP' | 'PHOTO_OTP' | 'PUSH_OTP';
  authenticationMethodId: string;
  name: string;
  explanation?: string;
}

/**
 * Decoupled SCA: the PSU signs in the Mobilt BankID app (QR code or autostart link), as the
 * integration guide describes: `scaMethods[0].authenticationMethodId` is `mbid`.
 */
export const MOBILT_BANKID: ScaMethod = {
  authenticationType: 'PUSH_OTP',
  authenticationMethodId: 'mbid',
  name: 'Mobilt BankID',
};

/**
 * Decoupled SCA with BankID's animated QR code, as the integration guide vendor's own clients
 * choose it: the PUT and every poll while the SCA is `started` answer the code of the current
 * second, `challengeData.image` (a PNG) for the first, `challengeData.data[0]` (the text the
 * TPP draws itself) for the second. Offered after `mbid`, which the guide takes as
 * `scaMethods[0]`.
 */
export const MOBILT_BANKID_ANIMATED_QR_IMAGE: ScaMethod = {
  authenticationType: 'PUSH_OTP',
  authenticationMethodId: 'mbid_animated_qr_image',
  name: 'Mobilt BankID, animated QR code',
  explanation:
    'challengeData.image is the QR code of this second: read the authorisation every second and redraw it',
};

export const MOBILT_BANKID_ANIMATED_QR_TOKEN: ScaMethod = {
  authenticationType: 'PUSH_OTP',
  authenticationMethodId: 'mbid_animated_qr_token',
  name: 'Mobilt BankID, animated QR code to draw',
  explanation:
    'challengeData.data[0] is the text of the QR code of this second: read the authorisation every second and redraw it',
};

/** How an animated QR code travels for the method, or undefined for a method without one. */
export function animatedQrOf(methodId: string | null): 'image' | 'token' | undefined {
  if (methodId === MOBILT_BANKID_ANIMATED_QR_IMAGE.authenticationMethodId) return 'image';
  if (methodId === MOBILT_BANKID_ANIMATED_QR_TOKEN.authenticationMethodId) return 'token';
  return undefined;
}

/**
 * Redirect SCA: the PSU logs in on the bank's own pages, or, for a consent whose accounts the
 * PSU names on Bankbridge's page at a bank with BankID only, confirms the bank's BankID order
 * on Bankbridge's next page.
 * Decision: the contract's `authenticationType` enum has no value for a redirect;
 * PUSH_OTP is the nearest (the bank's login confirms in the PSU's app) and keeps the
 * response valid against the contract. The id says what it is.
 */
export const BANK_REDIRECT: ScaMethod = {
  authenticationType: 'PUSH_OTP',
  authenticationMethodId: 'redirect',
  name: 'Log in at the bank',
  explanation:
    "The PSU's browser is sent to the bank's own login page, or to Bankbridge's BankID page at a bank without one, and back to the TPP",
};

const METHODS: Record<ScaApproach, readonly ScaMethod[]> = {
  DECOUPLED: [MOBILT_BANKID, MOBILT_BANKID_ANIMATED_QR_IMAGE, MOBILT_BANKID_ANIMATED_QR_TOKEN],
  REDIRECT: [BANK_REDIRECT],
};

/**
 * The approach for a new resource (consent, payment) at a bank offering `bankApproaches` (preferred first, from
 * the registry), given the TPP's `TPP-Redirect-Preferred` header.
 * Decision, after Berlin Group: `true` means the TPP prefers a redirect over an *embedded*
 * SCA, which Bankbridge never offers, so `true` and an absent header both take the bank's
 * preferred approach; `false` means the TPP does not want its user redirected, so DECOUPLED
 * is taken where the bank offers it (and the bank's approach otherwise: there is nothing else).
 */
export function chooseScaApproach(
  bankApproaches: readonly ScaApproach[],
  tppRedirectPreferred?: boolean,
): ScaApproach {
  const preferred = bankApproaches[0];
  if (preferred === undefined) throw new RangeError('a bank offers at least one SCA approach');
  if (tppRedirectPreferred === false && bankApproaches.includes('DECOUPLED')) return 'DECOUPLED';
  return preferred;
}

/**
 * The methods shown in `scaMethods` (start of authorisation, creation of the resource): the chosen
 * approach's methods first, then the bank's other approaches'. A TPP that sends the first id,
 * as the integration guide does, gets the chosen approach; one that sends another gets that.
 */
export function scaMethodsFor(
  bankApproaches: readonly ScaApproach[],
  chosen: ScaApproach,
): ScaMethod[] {
  const approaches = [chosen, ...bankApproaches.filter((approach) => approach !== chosen)];
  return approaches.flatMap((approach) => METHODS[approach]);
}

export type ChosenScaMethod =
  | { ok: true; approach: ScaApproach; method: ScaMethod }
  | { ok: false; error: ScaRuleError };

/**
 * The body of `PUT .../authorisations/{id}` (`selectPsuAuthenticationMethod` of the contract:
 * `{authenticationMethodId}`, required) and the approach the chosen method means. An id
 * Bankbridge does not offer at this bank is 400 FORMAT_ERROR naming the ids it offers.
 */
export function parseScaMethodSelection(
  body: unknown,
  bankApproaches: readonly ScaApproach[],
): ChosenScaMethod {
  const path = 'authenticationMethodId';
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return {
      ok: false,
      error: formatError('body', 'must be a JSON object with an authenticationMethodId'),
    };
  }
  const id = (body as Record<string, unknown>)[path];
  if (id === undefined) return { ok: false, error: formatError(path, 'is required') };
  const offered = bankApproaches.flatMap((approach) => METHODS[approach]);
  const method = offered.find((m) => m.authenticationMethodId === id);
  if (typeof id !== 'string' || !method) {
    const quoted = offered.map((m) => `"${m.authenticationMethodId}"`);
    const ids =
      quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}` : quoted[0];
    // Berlin Group's code for a method the bank does not offer; a non-string is malformed.
    const refuse = typeof id === 'string' ? scaMethodUnknown : formatError;
    return { ok: false, error: refuse(path, `must be ${ids} at this bank`) };
  }
  const approach = bankApproaches.find((a) => METHODS[a].includes(method)) as ScaApproach;
  return { ok: true, approach, method };
}

/**
 * The `TPP-Redirect-Preferred` header: "true" or "false" (any case), or absent. Anything
 * else is 400 FORMAT_ERROR rather than a silent default.
 */
export function parseTppRedirectPreferred(
  header: string | readonly string[] | undefined,
): { ok: true; value: boolean | undefined } | { ok: false; error: ScaRuleError } {
  if (header === undefined) return { ok: true, value: undefined };
  const value = typeof header === 'string' ? header.trim().toLowerCase() : undefined;
  if (value === 'true') return { ok: true, value: true };
  if (value === 'false') return { ok: true, value: false };
  return { ok: false, error: formatError('TPP-Redirect-Preferred', 'must be "true" or "false"') };
}
