/**
 * What the AISP OAuth server asks of a token's consent: is it still good (a code exchange or
 * a refresh is refused once it has ended), and ending it when the app revokes its access.
 * Refusals are `OAuthError`s (oauth-errors.ts), which the server answers as RFC 6749 errors.
 */
import type { ConsentService } from '../consents/consent-service.js';
import { TERMINAL_CONSENT_STATUSES } from '../consents/rules/index.js';
import type { CallContext } from '../logging/logger.js';
import { Problem } from '../problems.js';
import type { ConsentRecord } from '../store/consents.js';
import { asOAuthError } from './oauth-errors.js';

export interface TokenConsents {
  /** Why the consent can no longer back a token; undefined while it is valid. */
  endedBecause(ctx: CallContext, clientId: string, consentId: string): Promise<string | undefined>;
  /**
   * The app revoked its token, or its grant was revoked for a replay (`why`, for the log): the
   * consent ends at the bank and here (`terminatedByTpp`).
   */
  end(ctx: CallContext, clientId: string, consentId: string, why: string): Promise<void>;
}

export class ConsentsForTokens implements TokenConsents {
  constructor(private readonly consents: ConsentService) {}

  async endedBecause(
    ctx: CallContext,
    clientId: string,
    consentId: string,
  ): Promise<string | undefined> {
    const consent = await this.read(ctx, clientId, consentId);
    if (!consent) return 'the consent behind this grant no longer exists';
    if (consent.status === 'valid') return undefined;
    return `the consent behind this grant is ${consent.status}`;
  }

  async end(ctx: CallContext, clientId: string, consentId: string, why: string): Promise<void> {
    const consent = await this.read(ctx, clientId, consentId);
    // Already over (expired, revoked by the user at the bank): only the tokens are left to go.
    if (!consent || TERMINAL_CONSENT_STATUSES.has(consent.status as never)) return;
    try {
      await this.consents.delete(ctx, { clientId, consentId });
      ctx.logger.info({ consentId }, `consent ended: ${why}`);
    } catch (error) {
      // A bank that cannot be reached makes it 503 (RFC 7009 2.2.1): the app keeps its token
      // and tries again, so the consent is never left open at the bank.
      throw asOAuthError(error) ?? error;
    }
  }

  private async read(
    ctx: CallContext,
    clientId: string,
    consentId: string,
  ): Promise<ConsentRecord | undefined> {
    try {
      return await this.consents.get(ctx, { clientId, consentId });
    } catch (error) {
      if (error instanceof Problem && error.code === 'CONSENT_UNKNOWN') return undefined;
      throw asOAuthError(error) ?? error;
    }
  }
}
