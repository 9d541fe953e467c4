// Events in, pages up to date: `/demo/webhooks` takes Bankbridge's signed deliveries (checked
// with the SDK's verifyWebhook), and `/demo/live` tells a page's script what they changed for
// this browser, so a payment's status and a consent's end show without a reload.

import {
  type BankbridgeEvent,
  MemorySeenEvents,
  verifyWebhook,
  WebhookVerificationError,
} from '@bankbridge/client';
import type { FastifyInstance } from 'fastify';
import type { DemoContext } from './context.js';
import { applyEvent } from './demo-events.js';
import { paymentView, statusWords } from './payment-texts.js';
import { endedConsentText } from './problems.js';

export async function eventRoutes(
  app: FastifyInstance,
  { context }: { context: DemoContext },
): Promise<void> {
  const secret = context.options.webhookSecret;
  if (secret) {
    await app.register(async (hooks) => {
      // The signature is over the body as sent: it is read as text, never parsed and rewritten.
      hooks.removeContentTypeParser('application/json');
      hooks.addContentTypeParser(
        'application/json',
        { parseAs: 'string', bodyLimit: 64 * 1024 },
        (_request, body, done) => done(null, body),
      );
      const seenEvents = new MemorySeenEvents();
      hooks.post('/webhooks', async (request, reply) => {
        let event: BankbridgeEvent;
        try {
          event = await verifyWebhook(
            typeof request.body === 'string' ? request.body : '',
            request.headers['bankbridge-signature'] as string | undefined,
            { secret, seenEvents, now: context.now },
          );
        } catch (error) {
          if (!(error instanceof WebhookVerificationError)) throw error;
          // Deliveries are at least once: a repeat was handled the first time.
          if (error.reason === 'replay') return reply.code(204).send();
          request.log.warn({ reason: error.reason }, 'demo app: refused a webhook delivery');
          return reply.code(400).send({ error: error.reason, text: error.message });
        }
        await applyEvent(context, event);
        return reply.code(204).send();
      });
    });
  }

  app.get('/live', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const session = request.demoSession;
    const ended = session?.endedConsent;
    const consent = session?.connected
      ? { state: 'valid' }
      : ended
        ? { state: 'ended', text: endedConsentText(ended.bank.name, ended.status) }
        : { state: 'none' };
    const payment = session?.payment;
    if (!payment) return { consent };
    const view = paymentView(payment);
    return {
      consent,
      payment: {
        id: payment.flow.paymentId,
        stage: view.stage,
        label: view.label,
        text: view.text,
        final: view.final,
        transactionStatus: view.transactionStatus,
        history: payment.history.map((h) => ({
          at: h.at,
          time: h.at.slice(11, 19),
          words: statusWords(h.transactionStatus),
          transactionStatus: h.transactionStatus,
        })),
      },
    };
  });
}
