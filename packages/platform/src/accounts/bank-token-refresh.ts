/**
 * A consent's bank tokens, refreshed with the refresh token before (or when) they expire, once
 * however many requests, on however many instances, need them at the same moment. Refresh
 * tokens rotate: a second refresh with the same refresh token fails at the bank and would look
 * like the PSU revoking the consent.
 *
 * - In one instance, parallel requests share one refresh (one promise per consent).
 * - Across instances sharing a store, a refresh is claimed in the consent's row: the stale
 *   tokens are written back with `refreshClaimedUntil`, compare-and-set on the consent's
 *   version, so one instance wins. The others see the claim and wait for the new tokens,
 *   polling the store. The claim is given up when the refresh fails, and runs out at
 *   `refreshClaimedUntil` (the injected clock) or after `waitMs` of waiting (real time): an
 *   instance that died mid-refresh holds nobody up for longer.
 */
import type { BankCallContext, BankConnector } from '../connectors/index.js';
import { BankError } from '../connectors/index.js';
import { storedTokens } from '../consents/consent-subject.js';
import type { CallContext } from '../logging/logger.js';
import { Problem } from '../problems.js';
import {
  type BankTokens,
  CONFLICT,
  type ConsentRecord,
  type ConsentsRepository,
} from '../store/consents.js';

export interface BankTokenRefresherOptions {
  consents: ConsentsRepository;
  now: () => Date;
  /** Tokens this close to their expiry are refreshed before use. Default 60. */
  marginSeconds?: number;
  /** How long a request waits for another instance's refresh. Default 5000. */
  waitMs?: number;
}

/** The stored tokens, with the claim of a refresh under way (unix milliseconds). */
type ClaimedTokens = BankTokens & { refreshClaimedUntil?: number };

const DEFAULT_MARGIN_SECONDS = 60;
const DEFAULT_WAIT_MS = 5000;
const POLL_MS = 50;
/** Changes of the row by other requests (status changes, claims) a refresh gives way to. */
const MAX_CONFLICTS = 20;

export class BankTokenRefresher {
  private readonly refreshing = new Map<string, Promise<BankTokens>>();
  private readonly marginSeconds: number;
  private readonly waitMs: number;

  constructor(private readonly options: BankTokenRefresherOptions) {
    this.marginSeconds = options.marginSeconds ?? DEFAULT_MARGIN_SECONDS;
    this.waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  }

  /**
   * The consent's tokens for a bank call, refreshed first when they expire within the margin.
   * `tokens` are those read with `consent` (a refresh by another request since then is found by
   * the refresh, which reads the row again).
   */
  async current(
    ctx: CallContext,
    consent: ConsentRecord,
    bank: BankConnector,
    tokens: BankTokens | undefined,
  ): Promise<BankTokens> {
    if (!tokens || !consent.bankConsentId) {
      // A valid consent always has them; one without cannot reach the bank.
      throw new Problem('CONSENT_INVALID', 'The consent has no access at the bank');
    }
    const nowSeconds = Math.floor(this.options.now().getTime() / 1000);
    if (tokens.expiresAt - nowSeconds > this.marginSeconds) return tokens;
    return this.refresh(ctx, consent, bank, tokens);
  }

  /** Tokens in place of `stale` (about to expire, or refused by the bank). */
  refresh(
    ctx: CallContext,
    consent: ConsentRecord,
    bank: BankConnector,
    stale: BankTokens,
  ): Promise<BankTokens> {
    const running = this.refreshing.get(consent.id);
    if (running) return running;
    const refresh = this.refreshOnce(ctx, consent.id, bank, stale).finally(() =>
      this.refreshing.delete(consent.id),
    );
    this.refreshing.set(consent.id, refresh);
    return refresh;
  }

  private async refreshOnce(
    ctx: CallContext,
    consentId: string,
    bank: BankConnector,
    stale: BankTokens,
  ): Promise<BankTokens> {
    const { consents } = this.options;
    const waitUntil = Date.now() + this.waitMs;
    for (let conflicts = 0; conflicts < MAX_CONFLICTS; ) {
      const found = await consents.getWithTokens(consentId);
      const read = found?.record;
      const stored = found?.bankTokens() as ClaimedTokens | undefined;
      if (!read || !stored) {
        throw new Problem('CONSENT_INVALID', 'The consent has no access at the bank');
      }
      if (stored.accessToken !== stale.accessToken) return withoutClaim(stored);
      const claimedUntil = stored.refreshClaimedUntil ?? 0;
      if (claimedUntil > this.options.now().getTime() && Date.now() < waitUntil) {
        await sleep(POLL_MS);
        continue;
      }
      const claimed: ClaimedTokens = {
        ...withoutClaim(stored),
        refreshClaimedUntil: this.options.now().getTime() + this.waitMs,
      };
      const claim = await consents.setBankTokens(read, claimed);
      if (claim === CONFLICT) {
        conflicts += 1;
        continue;
      }
      return this.refreshClaimed(ctx, claim, bank, claimed);
    }
    throw new BankError(
      'unavailable',
      { bic: bank.bank.bic, name: bank.bank.name },
      'the consent changed too often to store its refreshed tokens',
    );
  }

  /** The refresh itself, by the instance that holds the claim on `claimed`'s version. */
  private async refreshClaimed(
    ctx: CallContext,
    claimed: ConsentRecord,
    bank: BankConnector,
    claim: ClaimedTokens,
  ): Promise<BankTokens> {
    const stale = withoutClaim(claim);
    const bctx: BankCallContext = {
      requestId: ctx.requestId,
      bic: bank.bank.bic,
      logger: ctx.logger,
    };
    let tokens: BankTokens;
    try {
      if (!stale.refreshToken) {
        throw new BankError(
          'unauthorized',
          { bic: bank.bank.bic, name: bank.bank.name },
          'the bank gave no refresh token',
        );
      }
      tokens = storedTokens(await bank.refreshTokens(bctx, stale.refreshToken));
    } catch (error) {
      // Whoever asks next tries again (or finds the consent ended) without waiting the claim out.
      await this.release(claimed, stale, claim.refreshClaimedUntil ?? 0);
      throw error;
    }
    await this.store(claimed, tokens);
    ctx.logger.info({ consentId: claimed.id }, 'bank tokens refreshed');
    return tokens;
  }

  /**
   * Writes `tokens` (without a claim) on the latest version of the consent: a status change
   * by another request meanwhile must not lose a rotated refresh token.
   */
  private async store(read: ConsentRecord, tokens: BankTokens): Promise<void> {
    let latest = read;
    for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
      if ((await this.options.consents.setBankTokens(latest, tokens)) !== CONFLICT) return;
      const again = await this.options.consents.get(read.id);
      if (!again) return;
      latest = again;
    }
  }

  /** Gives up the claim on `read`'s version, or on a later one while the claim is still ours. */
  private async release(read: ConsentRecord, stale: BankTokens, claim: number): Promise<void> {
    let latest = read;
    for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
      if ((await this.options.consents.setBankTokens(latest, stale)) !== CONFLICT) return;
      const again = await this.options.consents.getWithTokens(read.id);
      const stored = again?.bankTokens() as ClaimedTokens | undefined;
      if (!again || stored?.refreshClaimedUntil !== claim) return;
      latest = again.record;
    }
  }
}

function withoutClaim(tokens: ClaimedTokens): BankTokens {
  const { refreshClaimedUntil: _claim, ...rest } = tokens;
  return rest;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
