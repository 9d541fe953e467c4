import { createHash, randomBytes } from 'node:crypto';
import { bankProblem } from '../connectors/bank-problem.js';
import { BankError, type BankTokens } from '../connectors/index.js';
import { crashPoint } from '../failpoints.js';
import type { CallContext } from '../logging/logger.js';
import { Problem } from '../problems.js';
import type { AuthorisationRecord } from '../store/authorisations.js';
import type { DecoupledOnPage } from './decoupled-on-page.js';
import { storedTokens, tokensOf } from './kept-tokens.js';
import type { PsuInfo } from './psu.js';
import { TERMINAL_SCA_STATUSES } from './rules/index.js';
import { type Loaded, type ScaSteps, scaStatus } from './sca-steps.js';
import {
  type AccountChoice,
  type AfterStepBeforeBank,
  DENIED,
  type StepAfterBank,
  type StepBeforeBank,
  type StepBeforeBankAnswer,
} from './subject.js';

/** Which authorisation of which resource a redirect step is for. */
export interface RedirectTarget {
  kind: string;
  resourceId: string;
  authorisationId: string;
}

/** `/connect/authorize` for an authorisation, with the bank-side values to use. */
export interface BeginRedirect extends RedirectTarget {
  clientId: string;
  bic: string;
  bankRedirectUri: string;
  state: string;
}

/** The bank sent the browser back: the query parameters it added. */
export interface BankReturn extends RedirectTarget {
  bankRedirectUri: string;
  callback: Record<string, string>;
}

export type BankReturnOutcome = { ok: true } | { ok: false; problem: Problem };

/** The TPP redeemed a code bound to this authorisation. */
export interface FinishRedirect extends RedirectTarget {
  clientId: string;
}

/**
 * Redirect SCA (OAuth2 at the bank): the auth server sends the PSU to the bank's login page,
 * the bank sends the PSU back with a code, and once the TPP redeems Bankbridge's own code the
 * bank's is exchanged and the SCA finalised with its resource. Every refusal is a `Problem`;
 * the auth server renders it as an RFC 6749 error.
 */
export class RedirectSca {
  constructor(
    private readonly steps: ScaSteps,
    private readonly onPage: DecoupledOnPage,
  ) {}

  /**
   * The step the PSU takes on Bankbridge's page before going to the bank, if one is due (see
   * `ScaSubject.stepBeforeBank`); the same checks as `begin`.
   */
  async stepBefore(ctx: CallContext, input: BeginRedirect): Promise<StepBeforeBank | undefined> {
    const { loaded } = await this.waiting(ctx, input);
    const step = loaded.subject.stepBeforeBank?.(loaded.resource);
    return step && this.onPage.applies(loaded) ? { ...step, bankIdOnPage: true } : step;
  }

  /**
   * The PSU answered that step: the resource is set up at the bank; then the bank's login URL,
   * or, at a bank without a redirect, its decoupled SCA started for Bankbridge's page.
   */
  async answerStep(
    ctx: CallContext,
    input: BeginRedirect & { answer: StepBeforeBankAnswer },
  ): Promise<AfterStepBeforeBank> {
    const { loaded } = await this.waiting(ctx, input);
    if (loaded.subject.stepBeforeBank?.(loaded.resource)) {
      await loaded.subject.answerStepBeforeBank?.(ctx, loaded.resource, input.answer);
    }
    if (!this.onPage.applies(loaded)) return { bankUrl: await this.begin(ctx, input) };
    // Read again: the resource is at the bank now. An answer sent twice starts nothing twice.
    const now = await this.waiting(ctx, input);
    if (now.authorisation.bankAuthorisationId === null) {
      await this.onPage.start(ctx, now.loaded, now.authorisation, {
        psu: input.answer.psu,
        bankRedirectUri: input.bankRedirectUri,
      });
    }
    return { bankIdOnPage: true };
  }

  /**
   * The PSU cancelled on Bankbridge's page, before the bank: the same as a refusal at the bank
   * (the SCA `failed`, the resource as its subject has a denial).
   */
  async cancel(ctx: CallContext, input: BeginRedirect): Promise<Problem> {
    const { loaded, authorisation } = await this.waiting(ctx, input);
    // After the bank's SCA, or during its decoupled one on Bankbridge's page.
    const atBank =
      scaStatus(authorisation) === 'psuAuthenticated' || authorisation.bankAuthorisationId !== null;
    await this.steps.fail(
      ctx,
      loaded,
      authorisation,
      DENIED,
      "the PSU cancelled on Bankbridge's page",
    );
    // The bank holds the resource, perhaps authorised already: let go of it.
    if (atBank) await loaded.subject.abandonAtBank(ctx, loaded.resource);
    return new Problem('SCA_DENIED', `the PSU did not authorise the ${loaded.subject.noun}`);
  }

  /**
   * Checks that the resource is the client's, at that bank, and waiting for a redirect SCA;
   * returns the bank's login URL, with a PKCE challenge whose verifier stays here (sealed).
   */
  async begin(ctx: CallContext, input: BeginRedirect): Promise<string> {
    const { loaded, authorisation } = await this.waiting(ctx, input);
    const { facts } = loaded;
    if (loaded.subject.stepBeforeBank?.(loaded.resource)) {
      throw new Problem(
        'SCA_NOT_WAITING',
        `${loaded.subject.noun} ${facts.id} waits for the PSU's step on Bankbridge's page first`,
      );
    }
    if (this.onPage.applies(loaded)) {
      throw new Problem(
        'SCA_NOT_WAITING',
        `${this.steps.entry(facts).name} has no login page: ${loaded.subject.noun} ${facts.id} is confirmed in BankID on Bankbridge's page`,
      );
    }
    const codeVerifier = randomBytes(32).toString('base64url');
    const url = await this.steps
      .connector(facts)
      .authorizationUrl(this.steps.bankContext(ctx, facts), {
        resource: this.steps.bankResource(loaded),
        redirectUri: input.bankRedirectUri,
        state: input.state,
        codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url'),
      })
      .catch((error: unknown) => {
        throw bankProblem(error);
      });
    await this.steps.change(ctx, authorisation, 'started', 'PSU sent to the bank', {
      scaApproach: 'REDIRECT',
      bankExchange: { codeVerifier, redirectUri: input.bankRedirectUri },
    });
    crashPoint('sca.redirect.begun');
    return url;
  }

  /** The resource and authorisation of a redirect step, checked as `begin` describes. */
  private async waiting(
    ctx: CallContext,
    input: BeginRedirect,
  ): Promise<{ loaded: Loaded; authorisation: AuthorisationRecord }> {
    const loaded = await this.steps.load(ctx, input.kind, input.resourceId, input.clientId);
    const noun = this.steps.subject(input.kind).noun;
    if (!loaded) {
      throw new Problem(
        'RESOURCE_UNKNOWN',
        `${noun} ${input.resourceId} is not a ${noun} of this client`,
      );
    }
    const { facts } = loaded;
    if (facts.bic !== input.bic.trim().toUpperCase()) {
      throw Problem.format(
        `idp:${input.bic} is not the bank of ${noun} ${facts.id} (${facts.bic})`,
      );
    }
    if (!facts.awaitingSca) {
      throw new Problem(
        'STATUS_INVALID',
        `${noun} ${facts.id} is ${facts.status}: it cannot be authorised`,
      );
    }
    const authorisation = await this.steps.find(loaded, input.authorisationId);
    if (!authorisation) {
      throw new Problem(
        'RESOURCE_UNKNOWN',
        `authorisation ${input.authorisationId} is not an authorisation of ${noun} ${facts.id}`,
      );
    }
    const approach = authorisation.scaApproach ?? facts.scaApproach;
    if (approach !== 'REDIRECT' || TERMINAL_SCA_STATUSES.has(scaStatus(authorisation))) {
      throw new Problem(
        'SCA_NOT_WAITING',
        approach !== 'REDIRECT'
          ? `authorisation ${authorisation.id} uses the ${approach} approach, not a redirect`
          : `authorisation ${authorisation.id} has ended (${authorisation.scaStatus}); start a new one`,
      );
    }
    return { loaded, authorisation };
  }

  /**
   * The bank sent the PSU back. The bank's code is kept (sealed) until the TPP redeems the code
   * Bankbridge gives it; a denial ends the SCA `failed` and the resource as its subject says.
   */
  async returned(ctx: CallContext, input: BankReturn): Promise<BankReturnOutcome> {
    const loaded = await this.steps.load(ctx, input.kind, input.resourceId);
    const { authorisation, exchange } = await this.steps.redirectInProgress(
      loaded,
      input.authorisationId,
    );
    if (!loaded || !authorisation || !exchange || exchange.redirectUri !== input.bankRedirectUri) {
      return notWaiting('this authorisation is not waiting for the bank');
    }
    if (this.sameAnswerAgain(ctx, loaded, authorisation, exchange.code, input.callback)) {
      // The answer to this very callback was lost (the instance died, the browser retried):
      // the bank's code is kept already, and the PSU goes on to the TPP.
      return { ok: true };
    }
    if (scaStatus(authorisation) !== 'started' || exchange.code !== undefined) {
      return notWaiting(
        `the authorisation is ${authorisation.scaStatus}; the bank's answer came too late or twice`,
      );
    }
    try {
      const { code } = this.steps
        .connector(loaded.facts)
        .readAuthorizationCallback(this.steps.bankContext(ctx, loaded.facts), input.callback);
      await this.steps.change(
        ctx,
        authorisation,
        'psuAuthenticated',
        'PSU authenticated at the bank',
        { bankExchange: { ...exchange, code } },
      );
      crashPoint('sca.redirect.returned');
      return { ok: true };
    } catch (error) {
      if (!(error instanceof BankError)) throw error;
      const denied = error.kind === 'access_denied';
      const outcome = denied ? await this.steps.denialAtBank(ctx, loaded) : undefined;
      await this.steps.fail(ctx, loaded, authorisation, outcome, error.message);
      return {
        ok: false,
        problem: denied
          ? new Problem(
              'SCA_DENIED',
              `the PSU did not authorise the ${loaded.subject.noun} at the bank`,
            )
          : new Problem(
              'INTERNAL_SERVER_ERROR',
              `the bank answered with an error: ${error.text ?? error.code ?? 'unknown'}`,
              { status: 502 },
            ),
      };
    }
  }

  /**
   * After the bank's SCA, the step the PSU takes on Bankbridge's page before the TPP gets its
   * code (`ScaSubject.stepAfterBank`), with what the PSU picks from. Those are read at the bank
   * with the SCA's tokens, so the bank's code is exchanged now, once (claimed as in `finish`),
   * and its tokens kept sealed with the authorisation until the TPP redeems its own code.
   */
  async stepAfter(
    ctx: CallContext,
    input: RedirectTarget & { psu: PsuInfo },
  ): Promise<{ step: StepAfterBank; choices: AccountChoice[] } | undefined> {
    const loaded = await this.steps.load(ctx, input.kind, input.resourceId);
    const step = loaded?.subject.stepAfterBank?.(loaded.resource);
    if (!loaded || !step) return undefined;
    const { authorisation, exchange } = await this.steps.redirectInProgress(
      loaded,
      input.authorisationId,
    );
    if (!authorisation || !exchange || scaStatus(authorisation) !== 'psuAuthenticated') {
      throw new Problem('SCA_NOT_WAITING', 'this authorisation is not back from the bank');
    }
    // Read at the bank once per return from it: the page's later answers use what was read.
    if (exchange.tokens && exchange.choices) {
      return { step, choices: exchange.choices as AccountChoice[] };
    }
    const bank = this.steps.connector(loaded.facts);
    let current = authorisation;
    let tokens = exchange.tokens ? tokensOf(exchange.tokens) : undefined;
    if (!tokens) {
      const claimed = await this.steps.claim(ctx, authorisation);
      if (!claimed || !exchange.code) {
        throw new Problem('SCA_NOT_WAITING', "the bank's answer is being used already");
      }
      try {
        tokens = await bank.exchangeCode(this.steps.bankContext(ctx, loaded.facts), {
          code: exchange.code,
          redirectUri: exchange.redirectUri,
          codeVerifier: exchange.codeVerifier,
          resource: this.steps.bankResource(loaded),
        });
      } catch (error) {
        if (!(error instanceof BankError)) throw error;
        const outcome =
          error.kind === 'access_denied' ? DENIED : await this.steps.refusalAtBank(ctx, loaded);
        await this.steps.fail(ctx, loaded, claimed, outcome, error.message);
        throw codeExchangeProblem(error, loaded.subject.noun);
      }
      current = await this.steps.change(
        ctx,
        claimed,
        'psuAuthenticated',
        "bank tokens for the PSU's step",
        {
          bankExchange: {
            codeVerifier: exchange.codeVerifier,
            redirectUri: exchange.redirectUri,
            tokens: storedTokens(tokens),
          },
          redeemingAt: null,
        },
      );
    }
    const choices =
      (await loaded.subject
        .choicesAfterBank?.(ctx, loaded.resource, bank, tokens, input.psu)
        .catch((error: unknown) => {
          throw bankProblem(error);
        })) ?? [];
    await this.steps.change(ctx, current, 'psuAuthenticated', 'the choices listed at the bank', {
      bankExchange: {
        codeVerifier: exchange.codeVerifier,
        redirectUri: exchange.redirectUri,
        tokens: storedTokens(tokens),
        choices,
      },
    });
    return { step, choices };
  }

  /**
   * The PSU's pick on that page, by `choiceKey`: checked against what the bank listed, and
   * kept for the TPP's redemption (`prepare` grants it). Nothing picked is a FORMAT_ERROR the
   * page shows.
   */
  async answerStepAfter(
    ctx: CallContext,
    input: RedirectTarget & { psu: PsuInfo; picked: readonly string[] },
  ): Promise<void> {
    const offered = await this.stepAfter(ctx, input);
    if (!offered) throw new Problem('SCA_NOT_WAITING', 'nothing is to be picked here');
    const picked = offered.choices.filter((choice) => input.picked.includes(choiceKey(choice)));
    if (picked.length === 0) throw Problem.format('Choose at least one account to share.');
    const loaded = await this.steps.load(ctx, input.kind, input.resourceId);
    const { authorisation, exchange } = await this.steps.redirectInProgress(
      loaded,
      input.authorisationId,
    );
    if (!authorisation || !exchange?.tokens) {
      throw new Problem('SCA_NOT_WAITING', 'this authorisation is not back from the bank');
    }
    const answer = picked.map(({ name: _name, ...reference }) => reference);
    await this.steps.change(ctx, authorisation, 'psuAuthenticated', 'the PSU picked', {
      bankExchange: { ...exchange, stepAnswer: answer },
    });
  }

  /**
   * The TPP redeemed its code: exchange the bank's code for bank tokens, then mark the SCA
   * finalised and the resource authorised, together. A bank failure ends the SCA `failed`
   * (the TPP starts a new authorisation).
   */
  async finish(ctx: CallContext, input: FinishRedirect): Promise<void> {
    const loaded = await this.steps.load(ctx, input.kind, input.resourceId, input.clientId);
    const { authorisation, exchange } = await this.steps.redirectInProgress(
      loaded,
      input.authorisationId,
    );
    const noun = this.steps.subject(input.kind).noun;
    if (!loaded || !authorisation || !(exchange?.code || exchange?.tokens)) {
      throw new Problem('SCA_NOT_WAITING', `the ${noun} of this code is not waiting for a token`);
    }
    if (loaded.subject.stepAfterBank?.(loaded.resource) && exchange.stepAnswer === undefined) {
      throw new Problem(
        'SCA_NOT_WAITING',
        `the PSU has not finished the step on Bankbridge's page for this ${noun}`,
      );
    }
    if (!loaded.facts.awaitingSca) {
      throw new Problem(
        'STATUS_INVALID',
        `${noun} ${loaded.facts.id} is ${loaded.facts.status}: the code can no longer authorise it`,
      );
    }
    // The bank's code is spent once: a request that dies after spending it leaves a claim that
    // `settleAbandoned` finds by its age.
    const claimed = await this.steps.claim(ctx, authorisation);
    if (!claimed) {
      throw new Problem('SCA_NOT_WAITING', `the ${noun}'s code is being redeemed already`);
    }
    const bank = this.steps.connector(loaded.facts);
    let tokens: BankTokens;
    let prepared: unknown;
    try {
      tokens = exchange.tokens
        ? tokensOf(exchange.tokens)
        : await bank.exchangeCode(this.steps.bankContext(ctx, loaded.facts), {
            code: exchange.code as string,
            redirectUri: exchange.redirectUri,
            codeVerifier: exchange.codeVerifier,
            resource: this.steps.bankResource(loaded),
          });
      crashPoint('sca.redirect.exchanged');
      prepared = await loaded.subject.prepare(ctx, loaded.resource, bank, exchange.stepAnswer);
    } catch (error) {
      if (!(error instanceof BankError)) throw error;
      const denied = error.kind === 'access_denied';
      // A bank that refuses the exchange because it refused the resource after the PSU's
      // approval (a payment rejected for funds) is asked, as a decoupled SCA's is: the resource
      // ends as the bank has it, not left awaiting an SCA that is over.
      const outcome = denied ? DENIED : await this.steps.refusalAtBank(ctx, loaded);
      await this.steps.fail(ctx, loaded, claimed, outcome, error.message);
      throw codeExchangeProblem(error, noun);
    }
    const grant = { tokens: loaded.subject.usesBankTokens ? tokens : undefined, prepared };
    if (!(await this.steps.finalise(ctx, loaded, claimed, grant, 'redirect SCA finalised'))) {
      throw new Problem('SCA_NOT_WAITING', `the ${noun} changed while the code was redeemed`);
    }
  }

  /**
   * Redirect SCAs whose code redemption never finished (its instance died after the claim):
   * the TPP's code is spent, so the SCA is over. If the bank spent its code too, the grant is
   * lost and the resource ends; else only the authorisation does, and the TPP starts another.
   * Whether there was any.
   */
  async settleAbandoned(
    ctx: CallContext,
    loaded: Loaded,
    authorisations: AuthorisationRecord[],
  ): Promise<boolean> {
    let settled = false;
    for (const authorisation of authorisations) {
      if (
        authorisation.scaApproach !== 'REDIRECT' ||
        !authorisation.redeemingAt ||
        TERMINAL_SCA_STATUSES.has(scaStatus(authorisation)) ||
        this.steps.redeemingNow(authorisation)
      ) {
        continue;
      }
      settled = true;
      const verdict = await loaded.subject.verdictAtBank(ctx, loaded.resource);
      if (verdict?.authorised) {
        await this.steps.grantLost(ctx, loaded, authorisation);
        return true;
      }
      ctx.logger.warn(
        { resourceId: loaded.facts.id, authorisationId: authorisation.id },
        'a code redemption did not finish; the authorisation ends',
      );
      await this.steps.fail(
        ctx,
        loaded,
        authorisation,
        verdict?.outcome,
        'the code redemption did not finish',
      );
    }
    return settled;
  }

  /** Whether the callback brings the code this authorisation keeps already. */
  private sameAnswerAgain(
    ctx: CallContext,
    loaded: Loaded,
    authorisation: AuthorisationRecord,
    kept: string | undefined,
    callback: Record<string, string>,
  ): boolean {
    if (kept === undefined || scaStatus(authorisation) !== 'psuAuthenticated') return false;
    if (authorisation.redeemingAt) return false;
    try {
      const { code } = this.steps
        .connector(loaded.facts)
        .readAuthorizationCallback(this.steps.bankContext(ctx, loaded.facts), callback);
      return code === kept;
    } catch {
      return false;
    }
  }
}

/** How the page names one choice in its form: the account's identifier and currency. */
export function choiceKey(choice: AccountChoice): string {
  return `${choice.iban ?? choice.bban ?? ''}:${choice.currency ?? ''}`;
}

function notWaiting(text: string): BankReturnOutcome {
  return { ok: false, problem: new Problem('SCA_NOT_WAITING', text) };
}

/** A bank's refusal at the code exchange: denied, refused, or the bank out of reach. */
function codeExchangeProblem(error: BankError, noun: string): Problem {
  if (error.kind === 'access_denied') {
    return new Problem('SCA_DENIED', `the PSU did not authorise the ${noun} at the bank`);
  }
  if (error.kind === 'rejected' || error.kind === 'unauthorized') {
    return new Problem('STATUS_INVALID', `the bank refused the authorization: ${error.message}`);
  }
  return new Problem(
    'SERVICE_UNAVAILABLE',
    `the bank could not be reached or failed: ${error.message}; start a new authorisation`,
  );
}
