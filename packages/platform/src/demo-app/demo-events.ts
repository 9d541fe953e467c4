// What Bankbridge's events change in the app: a payment's status on its page, a consent that
// ended (revoked at the bank, expired) on the accounts pages. Events come signed to
// /demo/webhooks, or, where Bankbridge may not call the app, from the event feed read here;
// both hand them to applyEvent.

import type { BankbridgeEvent } from '@bankbridge/client';
import type { DemoContext } from './context.js';
import { applyStatus, readRefusal } from './payment-flow.js';
import { detached } from './request-calls.js';

/** A consent status after which the consent cannot be used. */
const ENDED = new Set(['rejected', 'revokedByPsu', 'expired', 'terminatedByTpp']);

export async function applyEvent(context: DemoContext, event: BankbridgeEvent): Promise<void> {
  if (event.type === 'payment.status_changed') {
    for (const session of context.sessions.all()) {
      const payment = session.payment;
      // A payment still being signed learns its status from the SCA's own end: an event
      // racing it must not skip the signature step.
      if (payment?.flow.paymentId !== event.resource.id || payment.stage === 'signing') continue;
      if (applyStatus(payment, event.newStatus, event.timestamp) && payment.stage === 'failed') {
        await readRefusal(context, payment);
      }
    }
    return;
  }
  if (event.type === 'consent.status_changed' && ENDED.has(event.newStatus)) {
    for (const session of context.sessions.all()) {
      const connected = session.connected;
      if (connected?.consent.consentId !== event.resource.id) continue;
      session.connected = undefined;
      session.endedConsent = { bank: connected.bank, status: event.newStatus };
    }
  }
}

/** Whether any session has something an event could change. */
function watching(context: DemoContext): boolean {
  for (const session of context.sessions.all()) {
    if (session.connected || session.payment) return true;
  }
  return false;
}

/**
 * The event feed, for an app Bankbridge cannot send webhooks to: read every `intervalMs`
 * while a session has a consent or payment to follow, each kind from where the last read
 * ended (consent events need an accountinformation token, payment events a paymentinitiation
 * one).
 */
export function readEventFeed(context: DemoContext, intervalMs: number): () => void {
  const cursors: Partial<Record<'consents' | 'payments', string>> = {};
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const readAll = async () => {
    for (const of of ['consents', 'payments'] as const) {
      for (;;) {
        const page = await context.bankbridge().events.list({
          of,
          ...(cursors[of] ? { after: cursors[of] } : {}),
          limit: 200,
          signal: AbortSignal.timeout(10_000),
        });
        for (const event of page.events) await applyEvent(context, event);
        if (page.cursor) cursors[of] = page.cursor;
        if (!page.hasMore || stopped) break;
      }
    }
  };
  const tick = async () => {
    if (watching(context)) {
      await detached(readAll).catch((err: unknown) =>
        context.log.warn({ err }, 'demo app: could not read the event feed'),
      );
    }
    if (!stopped) timer = setTimeout(tick, intervalMs).unref();
  };
  timer = setTimeout(tick, 0).unref();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
