/**
 * The consent side of time: a notice (`consent.expiring`) a configured time before a valid
 * consent's `validUntil` ends, once per consent, and the expiry or authorisation time-out of
 * consents nobody reads, applied so their status events are written when they happen; and the
 * bank's consent of one that never became valid ended there, asked again while the bank does
 * not answer. The clock is injected; `validUntil` ends at midnight in the bank's time zone.
 */
import { randomUUID } from 'node:crypto';
import type { ConsentService } from '../consents/consent-service.js';
import { addDays, bankTimeZone, validUntilEnds } from '../consents/rules/index.js';
import type { Logger } from '../logging/logger.js';
import type { AspspEntry } from '../registry/types.js';
import type { ConsentsRepository } from '../store/consents.js';
import { type EventsRepository, expiryNoticeKey } from '../store/events.js';

export interface ConsentExpiryOptions {
  events: EventsRepository;
  consents: ConsentsRepository;
  service: ConsentService;
  bank: (bic: string) => AspspEntry | undefined;
  now: () => Date;
  logger: Logger;
  /** How long before the end of validUntil the notice goes out; 0: no notices. */
  noticeMs: number;
  authorisationTimeoutSeconds: number;
}

const BATCH = 200;

export class ConsentExpiry {
  constructor(private readonly options: ConsentExpiryOptions) {}

  /**
   * One sweep: time's changes first, then the notices due. Answers the notices written.
   * Stopping, it leaves the rest of the sweep to the next instance's run.
   */
  async runOnce(stopping?: AbortSignal): Promise<number> {
    await this.applyDeadlines(stopping);
    if (stopping?.aborted) return 0;
    await this.endAtBanks(stopping);
    if (stopping?.aborted) return 0;
    return this.options.noticeMs > 0 ? this.sendNotices() : 0;
  }

  private async applyDeadlines(stopping?: AbortSignal): Promise<void> {
    const { consents, service, now, logger } = this.options;
    const at = now();
    // Coarse in SQL (a day either way for time zones), exact in the consent's own rules.
    const ids = await consents.pastDeadline(
      addDays(at.toISOString().slice(0, 10), 1),
      new Date(at.getTime() - this.options.authorisationTimeoutSeconds * 1000).toISOString(),
      BATCH,
    );
    for (const id of ids) {
      if (stopping?.aborted) return;
      // Bank calls carry it as X-Request-ID, which must be a UUID.
      const ctx = {
        requestId: randomUUID(),
        logger: logger.child({ consentId: id, job: 'expiry' }),
      };
      await service.applyTime(ctx, id).catch((err: unknown) => {
        ctx.logger.warn({ err }, 'could not apply the consent deadline');
      });
    }
  }

  private async endAtBanks(stopping?: AbortSignal): Promise<void> {
    const { consents, service, logger } = this.options;
    for (const id of await consents.bankEndsDue(BATCH)) {
      if (stopping?.aborted) return;
      const ctx = {
        requestId: randomUUID(),
        logger: logger.child({ consentId: id, job: 'expiry' }),
      };
      await service.endAtBank(ctx, id).catch((err: unknown) => {
        ctx.logger.warn({ err }, 'could not end the consent at the bank');
      });
    }
  }

  private async sendNotices(): Promise<number> {
    const { events, bank, now, noticeMs } = this.options;
    const at = now();
    const horizon = new Date(at.getTime() + noticeMs);
    const candidates = await events.consentsNearingExpiry(
      addDays(horizon.toISOString().slice(0, 10), 1),
      BATCH,
    );
    let written = 0;
    for (const consent of candidates) {
      const entry = bank(consent.bic);
      const ends = validUntilEnds(consent.validUntil, bankTimeZone(entry?.isoCountryCode ?? 'XX'));
      // Not yet due; or already over, which the consent's own expiry event reports.
      if (ends.getTime() - noticeMs > at.getTime() || ends <= at) continue;
      const appended = await events.append({
        clientId: consent.clientId,
        type: 'consent.expiring',
        resource: { kind: 'consent', id: consent.id },
        oldStatus: 'valid',
        newStatus: 'valid',
        data: { validUntil: consent.validUntil, expiresAt: ends.toISOString() },
        dedupeKey: expiryNoticeKey(consent.id),
        at: at.toISOString(),
      });
      if (appended) written++;
    }
    return written;
  }
}
