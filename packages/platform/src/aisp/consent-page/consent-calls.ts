/**
 * Every call the consent page makes to the consent service and the SCA engine, in the page's
 * terms. The steps use nothing else of them, so a change of their signatures is a change of
 * this file alone. Refusals come through as the services throw them (`Problem`s).
 */
import type { ConsentService, PsuInfo } from '../../consents/consent-service.js';
import { TERMINAL_CONSENT_STATUSES } from '../../consents/rules/index.js';
import type { CallContext } from '../../logging/logger.js';
import type { BankReturnOutcome, ScaService } from '../../sca/index.js';

export type Approach = 'REDIRECT' | 'DECOUPLED';

/** A consent of the app the page is for. */
export interface ConsentRef {
  clientId: string;
  consentId: string;
}

/** The consent's authorisation the page's SCA is for. */
export interface ScaRef extends ConsentRef {
  authorisationId: string;
}

export type StartedSca = { authorisationId: string } & (
  | { approach: 'REDIRECT' }
  | { approach: 'DECOUPLED'; autoStartToken: string; psuMessage: string }
);

export class ConsentCalls {
  constructor(
    private readonly service: ConsentService,
    private readonly sca: ScaService,
    /** Where banks send the user back to on the redirect SCA. */
    private readonly bankRedirectUri: string,
  ) {}

  /** A private consent asked of the bank for the user in this browser; its id. */
  async create(
    call: CallContext,
    input: { clientId: string; bic: string; body: unknown; psu: PsuInfo; approach: Approach },
  ): Promise<string> {
    const created = await this.service.create(call, {
      clientId: input.clientId,
      bic: input.bic,
      body: input.body,
      psu: input.psu,
      psuContext: 'private',
      tppRedirectPreferred: input.approach === 'REDIRECT',
    });
    return created.consent.id;
  }

  /** The consent's authorisation, with the SCA method of the approach the user chose. */
  async startSca(
    call: CallContext,
    ref: ConsentRef,
    approach: Approach,
    psu: PsuInfo,
  ): Promise<StartedSca> {
    const started = await this.service.startAuthorisation(call, ref);
    const authorisationId = started.authorisation.id;
    const selected = await this.service.selectMethod(call, {
      ...ref,
      authorisationId,
      body: { authenticationMethodId: approach === 'DECOUPLED' ? 'mbid' : 'redirect' },
      psu,
    });
    return selected.approach === 'DECOUPLED'
      ? {
          authorisationId,
          approach: 'DECOUPLED',
          autoStartToken: selected.autoStartToken,
          psuMessage: selected.psuMessage,
        }
      : { authorisationId, approach: 'REDIRECT' };
  }

  /** The consent's status: `received` while its SCA goes on (asked of the bank meanwhile). */
  async status(call: CallContext, ref: ConsentRef): Promise<string> {
    return (await this.service.get(call, ref)).status;
  }

  /**
   * A consent the user left behind (cancelled, replaced by another bank, or made before a
   * later step failed) is deleted, or it would wait at the bank for nobody. A failure is
   * logged, not thrown: the user is on their way whatever the bank says.
   */
  async endQuietly(call: CallContext, ref: ConsentRef): Promise<void> {
    try {
      const status = await this.status(call, ref);
      if (!TERMINAL_CONSENT_STATUSES.has(status as never)) await this.service.delete(call, ref);
    } catch (error) {
      call.logger.warn(
        { err: error, consentId: ref.consentId },
        'could not delete an unfinished consent',
      );
    }
  }

  /** The bank's login page for a redirect SCA; `state` comes back with the user. */
  async bankLoginUrl(
    call: CallContext,
    sca: ScaRef & { bic: string; state: string },
  ): Promise<string> {
    return this.sca.beginRedirect(call, {
      clientId: sca.clientId,
      bic: sca.bic,
      kind: 'consent',
      resourceId: sca.consentId,
      authorisationId: sca.authorisationId,
      bankRedirectUri: this.bankRedirectUri,
      state: sca.state,
    });
  }

  /** The bank sent the user back with `callback`'s parameters: did they authorise? */
  async bankReturned(
    call: CallContext,
    sca: ScaRef,
    callback: Record<string, string>,
  ): Promise<BankReturnOutcome> {
    return this.sca.bankReturned(call, {
      kind: 'consent',
      resourceId: sca.consentId,
      authorisationId: sca.authorisationId,
      bankRedirectUri: this.bankRedirectUri,
      callback,
    });
  }

  /** The bank's code exchanged for its tokens: the consent is valid. */
  async finishRedirect(call: CallContext, sca: ScaRef): Promise<void> {
    await this.sca.finishRedirect(call, {
      clientId: sca.clientId,
      kind: 'consent',
      resourceId: sca.consentId,
      authorisationId: sca.authorisationId,
    });
  }
}
