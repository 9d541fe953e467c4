// What a kind of resource (a consent, later a payment) implements to be authorised by the
// sandbox's SCA flows. The flows (redirect pages, BankID simulator, token endpoint) know a
// resource only through this interface, so a new kind plugs in without copying them.

import type { BankError } from '../domain/errors.js';
import type { Psu } from '../domain/model.js';
import type { SandboxBank } from '../domain/sandbox-bank.js';
import type { ScaOutcomeRules } from '../domain/sca-outcome.js';
import type { ScaResourceKindName, ScaResourceRef } from '../domain/sca-resource.js';
import type { TokenResponse } from '../domain/tokens.js';

/** Who the tokens or the code of a finalised SCA are for. */
export interface ScaGrant {
  clientId: string;
  psuId: string;
}

/** A code is also bound to the redirect it travels on, and to PKCE when the TPP used it. */
export interface ScaCodeGrant extends ScaGrant {
  redirectUri: string;
  codeChallenge?: string;
}

/** One resource as the SCA flows see it: its rules, and what the PSU is shown about it. */
export interface ScaSubject {
  readonly ref: ScaResourceRef;
  /** Why SCA cannot start or go on for this resource (for this PSU), or undefined. */
  blocker(psuId: string | undefined, now: Date): BankError | undefined;
  /**
   * SCA finalised: the resource takes effect for the PSU. `chosen` is what the PSU picked on
   * the decision page, undefined where nothing could be picked (the BankID app). A
   * FORMAT_ERROR asks the PSU again; any other error fails the SCA with its text.
   */
  authorise(psu: Psu, chosen: readonly string[] | undefined, now: Date): BankError | undefined;
  /** The SCA ended the resource: the PSU denied it or the bank rejected it. */
  reject(now: Date): void;
  /** HTML of the decision page about the resource: what the PSU approves. */
  summaryHtml(): string;
  /** HTML form fields of the choices the PSU makes on the decision page; '' for none. */
  choicesHtml(psu: Psu): string;
  /** HTML the BankID app shows about the resource below the request; '' for nothing. */
  appHtml(): string;
}

export interface ScaResourceKind extends ScaOutcomeRules {
  readonly kind: ScaResourceKindName;
  /** The redirect flow's scope names the resource as `{scopePrefix}:{id}` (AIS:...). */
  readonly scopePrefix: string;
  /** The id's name in the documented scope: AIS:{consentId}. */
  readonly idName: string;
  /** Form field of the decoupled token grant that may name the resource (consent_id). */
  readonly grantParameter: string;
  /** Told to the TPP or PSU when the resource is not there (or is another TPP's). */
  readonly unknownMessage: string;
  /** Ends "A third party ...": what the TPP asks of the PSU, on the login page and in the app. */
  readonly request: string;
  /** Title of the decision page, before " at {bank}". */
  readonly decisionTitle: string;
  /** The client's resource at the bank; another TPP's looks exactly like an unknown one. */
  open(bank: SandboxBank, clientId: string, id: string): ScaSubject | undefined;
  /** Why the token endpoint may not hand out tokens for the resource now, or undefined. */
  tokenBlocker(bank: SandboxBank, id: string, now: Date): string | undefined;
  /** The authorization code the redirect returns once SCA finalised. */
  issueCode(bank: SandboxBank, id: string, grant: ScaCodeGrant, now: Date): string;
  /** The tokens of the decoupled grant once SCA finalised. */
  issueTokens(bank: SandboxBank, id: string, grant: ScaGrant, now: Date): TokenResponse;
}
