import { bankProblem } from '../connectors/bank-problem.js';
import { BankError, type BankTokens, isBankError } from '../connectors/index.js';
import type { CallContext } from '../logging/logger.js';
import { Problem } from '../problems.js';
import type { AuthorisationRecord, BankExchange } from '../store/authorisations.js';
import { currentQrPayload, startDecoupledAtBank } from './bank-decoupled-start.js';
import { storedTokens } from './kept-tokens.js';
import type { PsuInfo } from './psu.js';
import { readBankScaStatus, TERMINAL_SCA_STATUSES } from './rules/index.js';
import { type Loaded, type ScaSteps, scaStatus } from './sca-steps.js';
import { DENIED } from './subject.js';

/** Which authorisation of which resource, of which client. */
export interface OnPageTarget {
  kind: string;
  resourceId: string;
  authorisationId: string;
  clientId: string;
}

/**
 * How the bank's decoupled SCA shown on Bankbridge's page stands: the PSU has yet to confirm
 * (the QR code of this second, the autostart token; `bankSilent` when the bank did not answer
 * this time), has confirmed (the TPP's code is due), or it is over (`problem` for the TPP).
 */
export type OnPageProgress =
  | {
      state: 'waiting';
      qrPayload: string;
      autoStartToken: string;
      bankName: string;
      bankSilent?: boolean;
      /** At a sandbox bank: its BankID simulator's page for this order. */
      simulatorUrl?: string;
    }
  | { state: 'authenticated' }
  | { state: 'ended'; problem: Problem };

/**
 * A redirect SCA whose bank has a decoupled SCA only (BankID): the TPP sent the PSU's browser
 * to Bankbridge, which hosts the whole step. Once the PSU's step on Bankbridge's page has set
 * the resource up at the bank, the bank's decoupled SCA is started, Bankbridge's page shows its
 * QR code and follows it here, and the bank's grant is redeemed once, when the bank reports the
 * SCA finalised. The tokens wait, sealed with the authorisation, for the TPP to redeem its code
 * (`RedirectSca.finish`), exactly as those read for a step after a bank's redirect do. The
 * authorisation stays a redirect as the TPP chose it; only the bank's side is decoupled, so
 * the TPP's own polls never redeem it (`DecoupledSca` follows decoupled authorisations only).
 */
export class DecoupledOnPage {
  constructor(private readonly steps: ScaSteps) {}

  /** Whether the resource's redirect SCA runs on Bankbridge's page: its bank has no redirect. */
  applies(loaded: Loaded): boolean {
    return !this.steps.entry(loaded.facts).connector.scaApproaches.includes('REDIRECT');
  }

  /**
   * Starts the bank's decoupled SCA for a resource now at the bank. A bank that refuses to start
   * it leaves nothing behind: the resource is let go of at the bank and the SCA ends as a
   * refusal (the PSU's step cannot be repeated on a resource the bank no longer has), which is
   * what the TPP hears, whatever the bank's failure was: trying again later cannot help.
   */
  async start(
    ctx: CallContext,
    loaded: Loaded,
    authorisation: AuthorisationRecord,
    input: { psu: PsuInfo; bankRedirectUri: string },
  ): Promise<void> {
    let started: Awaited<ReturnType<typeof startDecoupledAtBank>>;
    try {
      started = await startDecoupledAtBank(this.steps, ctx, loaded, input.psu);
    } catch (error) {
      await loaded.subject.abandonAtBank(ctx, loaded.resource);
      await this.steps.fail(
        ctx,
        loaded,
        authorisation,
        DENIED,
        'the bank did not start its decoupled SCA',
      );
      if (!(error instanceof BankError || error instanceof Problem)) throw error;
      ctx.logger.warn({ err: error }, 'the bank did not start its decoupled SCA');
      throw new Problem(
        'SCA_DENIED',
        `The bank did not start its SCA; this ${loaded.subject.noun} can no longer be authorised: ${error.message}`,
      );
    }
    const exchange: BankExchange = { codeVerifier: '', redirectUri: input.bankRedirectUri };
    await this.steps.change(
      ctx,
      authorisation,
      started.target,
      "the bank's decoupled SCA started on Bankbridge's page",
      { ...started.changes, bankExchange: exchange },
    );
  }

  /**
   * How the SCA stands, asked at the bank while the PSU has yet to confirm; undefined where no
   * decoupled SCA of the bank's runs on Bankbridge's page for this authorisation.
   */
  async progress(ctx: CallContext, input: OnPageTarget): Promise<OnPageProgress | undefined> {
    const loaded = await this.steps.load(ctx, input.kind, input.resourceId, input.clientId);
    if (!loaded || !this.applies(loaded)) return undefined;
    const found = await this.steps.find(loaded, input.authorisationId);
    if (!found?.bankAuthorisationId || found.scaApproach !== 'REDIRECT') return undefined;
    const authorisation = await this.steps.endedWithResource(ctx, loaded, found);
    const status = scaStatus(authorisation);
    if (status === 'failed') {
      // Ended with its resource just now (timed out, deleted): the bank lets go of it too.
      if (!TERMINAL_SCA_STATUSES.has(scaStatus(found)) && loaded.facts.ended) {
        await loaded.subject.abandonAtBank(ctx, loaded.resource);
      }
      return this.denied(loaded);
    }
    if (TERMINAL_SCA_STATUSES.has(status)) {
      return {
        state: 'ended',
        problem: new Problem('SCA_NOT_WAITING', `authorisation ${authorisation.id} has ended`),
      };
    }
    const exchange = await this.steps.options.authorisations.bankExchange(authorisation.id);
    if (exchange?.tokens) return { state: 'authenticated' };
    if (!exchange) return undefined;

    const bank = this.steps.connector(loaded.facts);
    const bctx = this.steps.bankContext(ctx, loaded.facts);
    const ref = {
      resource: this.steps.bankResource(loaded),
      authorisationId: authorisation.bankAuthorisationId as string,
    };
    let reported: string | undefined;
    try {
      reported = readBankScaStatus((await bank.getDecoupledStatus(bctx, ref)).scaStatus)?.scaStatus;
    } catch (error) {
      // The QR code is still good; the page asks again in a moment.
      ctx.logger.warn({ err: error }, 'could not read the decoupled SCA at the bank');
      return this.waiting(loaded, authorisation, true);
    }
    if (reported === 'finalised' || reported === 'exempted') {
      return this.redeem(ctx, loaded, authorisation, exchange);
    }
    if (reported === 'failed') {
      const outcome = await this.steps.denialAtBank(ctx, loaded);
      await this.steps.fail(
        ctx,
        loaded,
        authorisation,
        outcome,
        'the bank reported the SCA failed',
      );
      if (outcome === DENIED) await loaded.subject.abandonAtBank(ctx, loaded.resource);
      return this.denied(loaded);
    }
    return this.waiting(loaded, authorisation, false);
  }

  /**
   * The bank issues its grant once: only the poll that claims the authorisation redeems it; the
   * tokens are kept for the TPP's code. A bank that will not hand them over ends the SCA, and
   * the resource, which the bank is asked to let go of.
   */
  private async redeem(
    ctx: CallContext,
    loaded: Loaded,
    authorisation: AuthorisationRecord,
    exchange: BankExchange,
  ): Promise<OnPageProgress> {
    const claimed = await this.steps.claim(ctx, authorisation);
    if (!claimed) return this.waiting(loaded, authorisation, false);
    const release = () =>
      this.steps.options.authorisations.change(
        claimed,
        claimed.scaStatus,
        { reason: 'the bank has not finished', requestId: ctx.requestId },
        { redeemingAt: null },
      );
    let tokens: BankTokens;
    try {
      const redeemed = await this.steps
        .connector(loaded.facts)
        .exchangeDecoupled(this.steps.bankContext(ctx, loaded.facts), {
          resource: this.steps.bankResource(loaded),
          authorisationId: authorisation.bankAuthorisationId as string,
        });
      if (redeemed === 'pending') {
        await release();
        return this.waiting(loaded, claimed, false);
      }
      tokens = redeemed;
    } catch (error) {
      if (isBankError(error, 'unavailable')) {
        await release();
        return this.waiting(loaded, claimed, true);
      }
      if (!(error instanceof BankError)) throw error;
      await this.steps.fail(ctx, loaded, claimed, DENIED, error.message);
      await loaded.subject.abandonAtBank(ctx, loaded.resource);
      return { state: 'ended', problem: bankProblem(error) as Problem };
    }
    await this.steps.change(ctx, claimed, 'psuAuthenticated', 'the PSU confirmed in BankID', {
      bankExchange: { ...exchange, tokens: storedTokens(tokens) },
      redeemingAt: null,
    });
    return { state: 'authenticated' };
  }

  private async waiting(
    loaded: Loaded,
    authorisation: AuthorisationRecord,
    bankSilent: boolean,
  ): Promise<OnPageProgress> {
    const entry = this.steps.entry(loaded.facts);
    const autoStartToken = authorisation.autoStartToken ?? '';
    const { sandboxUrl } = this.steps.options;
    return {
      state: 'waiting',
      qrPayload: await currentQrPayload(this.steps, authorisation),
      autoStartToken,
      bankName: entry.name,
      ...(bankSilent ? { bankSilent } : {}),
      ...(entry.sandbox && sandboxUrl
        ? {
            simulatorUrl: `${sandboxUrl}/bankid?autostarttoken=${encodeURIComponent(autoStartToken)}`,
          }
        : {}),
    };
  }

  private denied(loaded: Loaded): OnPageProgress {
    return {
      state: 'ended',
      problem: new Problem('SCA_DENIED', `the PSU did not authorise the ${loaded.subject.noun}`),
    };
  }
}
