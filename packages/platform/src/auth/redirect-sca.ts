import type { CallContext } from '../logging/logger.js';
import type { Problem } from '../problems.js';
import type { OnPageProgress, OnPageTarget } from '../sca/decoupled-on-page.js';
import type { PsuInfo } from '../sca/psu.js';
import type {
  BankReturn,
  BankReturnOutcome,
  BeginRedirect,
  FinishRedirect,
  RedirectTarget,
} from '../sca/redirect-sca.js';
import type {
  AccountChoice,
  AfterStepBeforeBank,
  StepAfterBank,
  StepBeforeBank,
  StepBeforeBankAnswer,
} from '../sca/subject.js';
import type { SealedBox } from '../security/sealed-box.js';

export type { BankReturn, BankReturnOutcome, BeginRedirect, FinishRedirect };

/**
 * The auth server's side of the redirect SCA, free of oidc-provider: the SCA engine as it
 * sees it, and how Bankbridge's own `state` at the bank is made and read back. What the TPP's
 * `acr_values` must say and how a code names its authorisation are `login-parameters.ts`.
 *
 * The flow, end to end:
 * 1. `/connect/authorize?...&acr_values=idp:BIC consentId:X consentAuthorisationId:Y`:
 *    oidc-provider checks the client, redirect URI, PKCE; `acr_values` must name all three.
 * 2. `/connect/interaction/:uid`: the SCA engine checks the resource and answers the
 *    bank's authorize URL; the browser goes there with a sealed `state` of Bankbridge's. Where
 *    the PSU has a step to take first (naming a consent's accounts at a bank that cannot let
 *    the PSU pick them), Bankbridge's page for it comes first (`account-step-page.ts`), and its
 *    form (`.../accounts`) or its cancel (`.../cancel`) goes on from there.
 *    Where the PSU picks after the bank (from the accounts the bank lists), that page comes
 *    between the bank's return and the TPP's code, and its form (`.../pick`) goes on.
 *    Where the bank has no login page (BankID only), the browser does not leave Bankbridge:
 *    after the PSU's step, Bankbridge's page (`.../bankid`) shows the bank's BankID QR code and
 *    follows the bank (`.../bankid/status`), and once the PSU confirmed, `.../bankid/done`
 *    sends the browser to the TPP with a code, as step 3 does.
 * 3. `/connect/bank-callback`: the bank sends the browser back; the sealed state names the
 *    interaction, the browser is sent into it (its cookie is scoped there), the engine reads
 *    the bank's answer, and oidc-provider redirects to the TPP with a code and its state.
 * 4. `POST /connect/token` with X-ConsentId / X-ConsentAuthorisationId (X-PaymentId /
 *    X-PaymentAuthorisationId for a payment): the code is checked against them, consumed once,
 *    the engine exchanges the bank's code, then the token.
 */

/**
 * The SCA engine as the auth server sees it. Refusals are thrown as `Problem`s, which the auth
 * server renders as RFC 6749 errors (`oauth-error.ts`).
 */
export interface RedirectScaService {
  /** The kinds of resource that can be authorised. */
  kinds(): string[];
  /** Checks the resource awaits a redirect SCA for this client and bank; the bank's URL. */
  beginRedirect(ctx: CallContext, input: BeginRedirect): Promise<string>;
  /** Reads the bank's answer on the callback (code, or the PSU's refusal). */
  bankReturned(ctx: CallContext, input: BankReturn): Promise<BankReturnOutcome>;
  /**
   * The step the PSU takes on Bankbridge's page before the bank (naming a consent's accounts
   * where the bank cannot let the PSU pick them), if one is due; the checks of `beginRedirect`.
   */
  stepBeforeBank(ctx: CallContext, input: BeginRedirect): Promise<StepBeforeBank | undefined>;
  /**
   * The PSU's answer to that step; then as `beginRedirect`: the bank's URL, or, at a bank
   * without a login page of its own, the bank's BankID started for Bankbridge's page.
   */
  answerStepBeforeBank(
    ctx: CallContext,
    input: BeginRedirect & { answer: StepBeforeBankAnswer },
  ): Promise<AfterStepBeforeBank>;
  /**
   * How the bank's BankID shown on Bankbridge's page stands, asked at the bank; undefined where
   * the authorisation has none.
   */
  decoupledOnPage(ctx: CallContext, input: OnPageTarget): Promise<OnPageProgress | undefined>;
  /** The PSU cancelled on Bankbridge's page: the SCA fails as a denial; what the TPP is told. */
  cancelRedirect(ctx: CallContext, input: BeginRedirect): Promise<Problem>;
  /**
   * Back from the bank, the step the PSU takes on Bankbridge's page before the TPP gets its
   * code (picking a consent's accounts from those the bank lists), if one is due.
   */
  stepAfterBank(
    ctx: CallContext,
    input: RedirectTarget & { psu: PsuInfo },
  ): Promise<{ step: StepAfterBank; choices: AccountChoice[] } | undefined>;
  /** The PSU's pick in that step, by `choiceKey`; nothing picked is a FORMAT_ERROR. */
  answerStepAfterBank(
    ctx: CallContext,
    input: RedirectTarget & { psu: PsuInfo; picked: readonly string[] },
  ): Promise<void>;
  /** Exchanges the bank's code once the TPP redeemed Bankbridge's: the resource is authorised. */
  finishRedirect(ctx: CallContext, input: FinishRedirect): Promise<void>;
}

/**
 * The `state` Bankbridge gives the bank: which interaction to resume and which authorisation
 * of which resource it is, sealed so that nobody can make the callback resume another one.
 */
export interface BankState {
  uid: string;
  kind: string;
  resourceId: string;
  authorisationId: string;
}

const STATE_AAD = 'bankbridge bank-state v1';

export function sealBankState(box: SealedBox, state: BankState): string {
  // SealedBox output is base64url parts joined by dots: already safe in a query string.
  return box.seal(
    JSON.stringify([state.uid, state.resourceId, state.authorisationId, state.kind]),
    STATE_AAD,
  );
}

/** The state back from the bank, or undefined when it was not sealed by this key. */
export function openBankState(box: SealedBox, value: string | undefined): BankState | undefined {
  if (!value || value.length > 2048) return undefined;
  try {
    const parsed: unknown = JSON.parse(box.open(value, STATE_AAD));
    // Three parts: a state sealed before authorisations named their kind, always a consent's.
    if (
      Array.isArray(parsed) &&
      (parsed.length === 3 || parsed.length === 4) &&
      parsed.every((part) => typeof part === 'string' && part !== '')
    ) {
      const [uid, resourceId, authorisationId, kind = 'consent'] = parsed as string[];
      return { uid, kind, resourceId, authorisationId } as BankState;
    }
  } catch {
    // A tampered, truncated or foreign state is as good as none.
  }
  return undefined;
}

/** The fixed callback at the bank: the same string in the authorize and token requests. */
export const BANK_CALLBACK_PATH = '/connect/bank-callback';
export const INTERACTION_PATH = '/connect/interaction';
