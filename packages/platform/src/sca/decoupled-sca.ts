import { bankProblem } from '../connectors/bank-problem.js';
import { BankError, type BankTokens, isBankError } from '../connectors/index.js';
import { crashPoint } from '../failpoints.js';
import type { CallContext } from '../logging/logger.js';
import type { AuthorisationRecord } from '../store/authorisations.js';
import { readBankScaStatus, TERMINAL_SCA_STATUSES, transitionSca } from './rules/index.js';
import { type Loaded, type ScaSteps, scaStatus } from './sca-steps.js';

/**
 * Decoupled SCA (BankID-style): the PSU acts in an app while the TPP polls. Each poll asks the
 * bank how the SCA is doing; once the bank reports it finalised, exactly one poller (of any
 * instance) claims the authorisation and redeems the bank's grant, and records it with the
 * resource's side in one write.
 */
export class DecoupledSca {
  constructor(private readonly steps: ScaSteps) {}

  /**
   * Asks the bank about every decoupled SCA of the resource still running, newest first. The
   * resource as read after the last step that may have changed it; undefined when none did
   * (nothing was running, or the PSU is still busy: most polls), so `loaded` is still current.
   */
  async follow(
    ctx: CallContext,
    loaded: Loaded,
    authorisations: AuthorisationRecord[],
  ): Promise<Loaded | undefined> {
    let latest: Loaded | undefined;
    // Newest first: the one the PSU is most likely busy with.
    for (const authorisation of authorisations.filter(inDecoupledProgress).reverse()) {
      if (!(await this.poll(ctx, latest ?? loaded, authorisation))) continue;
      latest = await this.steps.reload(ctx, latest ?? loaded);
      if (!latest.facts.awaitingSca) break;
    }
    return latest;
  }

  /**
   * Asks the bank about one decoupled SCA and takes the step it reports; true when that step
   * may have changed the resource (the grant redeemed or the SCA failed, here or by another
   * poller), false when only the authorisation moved on.
   */
  async poll(
    ctx: CallContext,
    loaded: Loaded,
    authorisation: AuthorisationRecord,
  ): Promise<boolean> {
    const bank = this.steps.connector(loaded.facts);
    const bctx = this.steps.bankContext(ctx, loaded.facts);
    const ref = {
      resource: this.steps.bankResource(loaded),
      authorisationId: authorisation.bankAuthorisationId as string,
    };
    const reported = await bank.getDecoupledStatus(bctx, ref).catch((error: unknown) => {
      throw bankProblem(error);
    });
    const report = readBankScaStatus(reported.scaStatus);
    if (!report) {
      ctx.logger.warn({ scaStatus: reported.scaStatus }, 'the bank reported an unknown SCA status');
      return false;
    }
    if (report.scaStatus === 'finalised' || report.scaStatus === 'exempted') {
      await this.redeem(ctx, loaded, authorisation);
      return true;
    }
    if (report.scaStatus === 'failed') {
      await this.steps.fail(
        ctx,
        loaded,
        authorisation,
        await this.steps.refusalAtBank(ctx, loaded),
        'the bank reported the SCA failed',
      );
      return true;
    }
    const step = transitionSca(
      scaStatus(authorisation),
      report.scaEvent ?? 'scaStarted',
      this.steps.decoupledScaSteps(loaded),
    );
    const psuMessage = reported.psuMessage;
    const messageChanged = psuMessage !== undefined && psuMessage !== authorisation.psuMessage;
    if (step.ok && (step.changed || messageChanged)) {
      await this.steps.options.authorisations.change(
        authorisation,
        step.status,
        { reason: 'reported by the bank', requestId: ctx.requestId },
        messageChanged ? { psuMessage } : {},
      );
    }
    return false;
  }

  /**
   * The bank issues the tokens once: of two pollers (two instances, say) only the one that
   * claims the authorisation redeems them; the other answers what is stored. A claim left by a
   * poll whose instance died is taken over once it is older than any redemption takes.
   */
  private async redeem(
    ctx: CallContext,
    loaded: Loaded,
    authorisation: AuthorisationRecord,
  ): Promise<void> {
    const claimed = await this.steps.claim(ctx, authorisation);
    if (!claimed) return;
    crashPoint('sca.decoupled.claimed');
    const bank = this.steps.connector(loaded.facts);
    const bctx = this.steps.bankContext(ctx, loaded.facts);
    const ref = {
      resource: this.steps.bankResource(loaded),
      authorisationId: authorisation.bankAuthorisationId as string,
    };
    let tokens: BankTokens | undefined;
    let prepared: unknown;
    try {
      if (loaded.subject.usesBankTokens) {
        const redeemed = await bank.exchangeDecoupled(bctx, ref);
        if (redeemed === 'pending') {
          await this.steps.options.authorisations.change(
            claimed,
            claimed.scaStatus,
            { reason: 'the bank has not finished', requestId: ctx.requestId },
            { redeemingAt: null },
          );
          return;
        }
        tokens = redeemed;
      }
      crashPoint('sca.decoupled.redeemed');
      prepared = await loaded.subject.prepare(ctx, loaded.resource, bank);
    } catch (error) {
      if (isBankError(error, 'unavailable')) throw bankProblem(error);
      if (!(error instanceof BankError)) throw error;
      const verdict = await loaded.subject.verdictAtBank(ctx, loaded.resource);
      // Authorised at the bank, yet its grant is not to be had: no other poll holds it (this
      // one has the claim), so a request that died after redeeming it did.
      if (verdict?.authorised) {
        await this.steps.grantLost(ctx, loaded, claimed);
        return;
      }
      // Denied, or the bank will not hand out the tokens: this SCA is over.
      ctx.logger.warn({ err: error }, 'the bank refused its grant; the authorisation ends');
      await this.steps.fail(ctx, loaded, claimed, verdict?.outcome, error.message);
      return;
    }
    await this.record(ctx, loaded, claimed, { tokens, prepared });
  }

  /**
   * The bank's grant was redeemed: the tokens exist only here. A later poll that read the
   * bank's "finalised" may claim the authorisation after us (a claim moves its version) and
   * then find the tokens gone, so a conflict is retried on fresh reads while the SCA is still
   * open, rather than dropping the tokens and leaving the resource without them.
   */
  private async record(
    ctx: CallContext,
    loaded: Loaded,
    authorisation: AuthorisationRecord,
    grant: { tokens: BankTokens | undefined; prepared: unknown },
  ): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      if (await this.steps.finalise(ctx, loaded, authorisation, grant, 'decoupled SCA finalised')) {
        return;
      }
      const fresh = await this.steps.load(ctx, loaded.subject.kind, loaded.facts.id);
      const again = fresh && (await this.steps.find(fresh, authorisation.id));
      if (
        !fresh ||
        !again ||
        !fresh.facts.awaitingSca ||
        TERMINAL_SCA_STATUSES.has(scaStatus(again))
      ) {
        break;
      }
      loaded = fresh;
      authorisation = again;
    }
    ctx.logger.warn(
      { resourceId: loaded.facts.id, authorisationId: authorisation.id },
      'the redeemed bank grant could not be recorded: the resource or its SCA changed meanwhile',
    );
  }
}

function inDecoupledProgress(authorisation: AuthorisationRecord): boolean {
  return (
    authorisation.scaApproach === 'DECOUPLED' &&
    authorisation.bankAuthorisationId !== null &&
    !TERMINAL_SCA_STATUSES.has(scaStatus(authorisation))
  );
}
