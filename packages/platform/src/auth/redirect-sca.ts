import type { CallContext } from '../logging/logger.js';
import type { SealedBox } from '../security/sealed-box.js';

/**
 * The auth server's side of the redirect SCA, free of oidc-provider: what the TPP's
 * `acr_values` must say, how Bankbridge's own `state` at the bank is made and read back,
 * and how a code names the consent it finishes.
 *
 * The flow, end to end:
 * 1. `/connect/authorize?...&acr_values=idp:BIC consentId:X consentAuthorisationId:Y`:
 *    oidc-provider checks the client, redirect URI, PKCE; `acr_values` must name all three.
 * 2. `/connect/interaction/:uid`: the consent service checks the consent and answers the
 *    bank's authorize URL; the browser goes there with a sealed `state` of Bankbridge's.
 * 3. `/connect/bank-callback`: the bank sends the browser back; the sealed state names the
 *    interaction, the browser is sent into it (its cookie is scoped there), the service reads
 *    the bank's answer, and oidc-provider redirects to the TPP with a code and its state.
 * 4. `POST /connect/token` with X-ConsentId / X-ConsentAuthorisationId: the code is checked
 *    against them, consumed once, the service exchanges the bank's code, then the token.
 */

/** `/connect/authorize` for a consent authorisation, with the bank-side values to use. */
export interface BeginRedirect {
  clientId: string;
  bic: string;
  consentId: string;
  authorisationId: string;
  bankRedirectUri: string;
  state: string;
}

/** The bank sent the browser back: the query parameters it added. */
export interface BankReturn {
  consentId: string;
  authorisationId: string;
  bankRedirectUri: string;
  callback: Record<string, string>;
}

export type BankReturnOutcome = { ok: true } | { ok: false; error: string; description: string };

/** The TPP redeemed a code bound to this consent authorisation. */
export interface FinishRedirect {
  clientId: string;
  consentId: string;
  authorisationId: string;
}

/**
 * The consent service as the auth server sees it. Refusals are thrown as `OAuthError`, which
 * the auth server hands to the TPP as an RFC 6749 error.
 */
export interface RedirectScaService {
  /** Checks the consent awaits a redirect SCA for this client and bank; the bank's URL. */
  beginRedirect(ctx: CallContext, input: BeginRedirect): Promise<string>;
  /** Reads the bank's answer on the callback (code, or the PSU's refusal). */
  bankReturned(ctx: CallContext, input: BankReturn): Promise<BankReturnOutcome>;
  /** Exchanges the bank's code once the TPP redeemed Bankbridge's: the consent is valid. */
  finishRedirect(ctx: CallContext, input: FinishRedirect): Promise<void>;
}

/** Which consent authorisation an authorization request is for, from its `acr_values`. */
export interface ScaTarget {
  bic: string;
  consentId: string;
  authorisationId: string;
}

const ACR_KEYS = { idp: 'bic', consentId: 'consentId', consentAuthorisationId: 'authorisationId' };
/** Consent and authorisation ids are opaque, but never contain separators or spaces. */
const ID = /^[A-Za-z0-9._~-]{1,128}$/;
const BIC = /^[A-Z0-9]{8}([A-Z0-9]{3})?$/;

export type AcrParse = { ok: true; target: ScaTarget } | { ok: false; problem: string };

/**
 * Reads `idp:<BIC> consentId:<id> consentAuthorisationId:<id>` (any order, one space apart,
 * as the `scaOAuth` link has it). Each part exactly once; nothing else.
 */
export function parseAcrValues(value: string | undefined): AcrParse {
  const expected = 'acr_values must be "idp:<BIC> consentId:<id> consentAuthorisationId:<id>"';
  if (value === undefined || value.trim() === '') {
    return { ok: false, problem: `${expected}, as in the scaOAuth link; it is missing` };
  }
  const found: Partial<Record<keyof ScaTarget, string>> = {};
  for (const part of value.split(' ').filter(Boolean)) {
    const colon = part.indexOf(':');
    const key = colon > 0 ? part.slice(0, colon) : part;
    const field = (ACR_KEYS as Record<string, keyof ScaTarget | undefined>)[key];
    if (!field) return { ok: false, problem: `${expected}; "${key}" is not one of them` };
    if (found[field] !== undefined) {
      return { ok: false, problem: `${expected}; ${key} is given twice` };
    }
    found[field] = part.slice(colon + 1);
  }
  for (const [key, field] of Object.entries(ACR_KEYS) as [string, keyof ScaTarget][]) {
    const given = found[field];
    if (given === undefined || given === '') {
      return { ok: false, problem: `${expected}; ${key} is missing` };
    }
    if (!(field === 'bic' ? BIC : ID).test(given)) {
      return { ok: false, problem: `${expected}; ${key} ${JSON.stringify(given)} is malformed` };
    }
  }
  return { ok: true, target: found as ScaTarget };
}

/**
 * The `state` Bankbridge gives the bank: which interaction to resume and which consent
 * authorisation it is, sealed so that nobody can make the callback resume another one.
 */
export interface BankState {
  uid: string;
  consentId: string;
  authorisationId: string;
}

const STATE_AAD = 'bankbridge bank-state v1';

export function sealBankState(box: SealedBox, state: BankState): string {
  // SealedBox output is base64url parts joined by dots: already safe in a query string.
  return box.seal(JSON.stringify([state.uid, state.consentId, state.authorisationId]), STATE_AAD);
}

/** The state back from the bank, or undefined when it was not sealed by this key. */
export function openBankState(box: SealedBox, value: string | undefined): BankState | undefined {
  if (!value || value.length > 2048) return undefined;
  try {
    const parsed: unknown = JSON.parse(box.open(value, STATE_AAD));
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      parsed.every((part) => typeof part === 'string' && part !== '')
    ) {
      const [uid, consentId, authorisationId] = parsed as [string, string, string];
      return { uid, consentId, authorisationId };
    }
  } catch {
    // A tampered, truncated or foreign state is as good as none.
  }
  return undefined;
}

/**
 * oidc-provider's account id for a code: the consent authorisation the PSU completed. The
 * token endpoint compares it with X-ConsentId / X-ConsentAuthorisationId.
 */
export function consentAccountId(consentId: string, authorisationId: string): string {
  return `consent:${consentId}:${authorisationId}`;
}

export function parseConsentAccountId(
  accountId: string | undefined,
): { consentId: string; authorisationId: string } | undefined {
  const match = /^consent:([^:]+):([^:]+)$/.exec(accountId ?? '');
  return match ? { consentId: match[1] as string, authorisationId: match[2] as string } : undefined;
}

/** The fixed callback at the bank: the same string in the authorize and token requests. */
export const BANK_CALLBACK_PATH = '/connect/bank-callback';
export const INTERACTION_PATH = '/connect/interaction';
