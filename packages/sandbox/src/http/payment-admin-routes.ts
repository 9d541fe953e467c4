// Test and operator hooks for payments: run due payments now, move the sandbox clock,
// list payments and postings, lose the answers of the next initiations (the bank books,
// the TPP never hears), and change a stored payment behind the PSU's back to prove the
// dynamic-linking check. Also runs due payments before every bank API call.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BankError } from '../domain/errors.js';
import { formatAmount } from '../domain/money.js';
import { parseInstructedAmount } from '../domain/payments.js';
import { bankOf, header, type SandboxContext } from './context.js';

function requireAdmin(context: SandboxContext, request: FastifyRequest): void {
  if (!context.adminToken) return;
  if (header(request, 'authorization') !== `Bearer ${context.adminToken}`) {
    throw new BankError('TOKEN_INVALID', 'The admin API needs Authorization: Bearer <adminToken>');
  }
}

const MAX_ADVANCE_SECONDS = 400 * 86_400;

export function registerPaymentAdminRoutes(app: FastifyInstance, context: SandboxContext): void {
  app.addHook('preHandler', async (request) => {
    const config = request.routeOptions.config as { faults?: boolean } | undefined;
    if (config?.faults) context.payments.runDue();
  });

  app.post('/admin/payments/run-due', async (request) => {
    requireAdmin(context, request);
    return { changed: context.payments.runDue(), now: context.now().toISOString() };
  });

  app.post('/admin/clock/advance', async (request) => {
    requireAdmin(context, request);
    const { seconds } = (request.body ?? {}) as { seconds?: unknown };
    if (
      typeof seconds !== 'number' ||
      !Number.isInteger(seconds) ||
      seconds < 0 ||
      seconds > MAX_ADVANCE_SECONDS
    )
      throw new BankError(
        'FORMAT_ERROR',
        `seconds must be a whole number from 0 to ${MAX_ADVANCE_SECONDS}`,
      );
    context.advanceClock(seconds * 1000);
    return { changed: context.payments.runDue(), now: context.now().toISOString() };
  });

  app.get('/admin/banks/:bic/payments', async (request) => {
    requireAdmin(context, request);
    const bank = bankOf(context, request);
    return {
      payments: [...bank.payments.values()].map((p) => ({
        paymentId: p.paymentId,
        clientId: p.clientId,
        service: p.service,
        product: p.product,
        transactionStatus: p.status,
        debtorIban: p.debtorIban,
        // The initiation body as the bank received it.
        initiation: p.original,
        occurrencesDone: p.occurrencesDone,
        items: p.items.map((i) => ({
          amount: formatAmount(i.amount),
          currency: i.currency,
          creditorName: i.creditorName,
          ...(i.rejected ? { rejected: i.rejected } : {}),
        })),
      })),
      postings: bank.overlay.list(),
    };
  });

  app.put('/admin/banks/:bic/payment-faults', async (request) => {
    requireAdmin(context, request);
    const bank = bankOf(context, request);
    const { lostAnswers } = (request.body ?? {}) as { lostAnswers?: unknown };
    if (typeof lostAnswers !== 'number' || !Number.isInteger(lostAnswers) || lostAnswers < 0)
      throw new BankError('FORMAT_ERROR', 'lostAnswers must be a whole number of at least 0');
    bank.lostPaymentAnswers = lostAnswers;
    return { lostAnswers };
  });

  app.post('/admin/banks/:bic/payments/:paymentId/tamper', async (request) => {
    requireAdmin(context, request);
    const bank = bankOf(context, request);
    const { paymentId } = request.params as { paymentId: string };
    const payment = bank.payments.get(paymentId);
    const item = payment?.items[0];
    if (!payment || !item) throw new BankError('RESOURCE_UNKNOWN', `No payment ${paymentId}`);
    const body = (request.body ?? {}) as { instructedAmount?: unknown; creditorName?: unknown };
    if (body.instructedAmount !== undefined) {
      const { amount, currency } = parseInstructedAmount(body.instructedAmount, 'instructedAmount');
      item.amount = amount;
      item.currency = currency;
    }
    if (typeof body.creditorName === 'string') item.creditorName = body.creditorName;
    return { paymentId, transactionStatus: payment.status };
  });
}
