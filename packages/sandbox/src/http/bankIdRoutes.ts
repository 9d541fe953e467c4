// The simulated BankID app, shared by all sandbox banks: a page a person uses (the QR code
// and Identify / Cancel) and a JSON API tests call to do the same without a browser.

import type { FastifyInstance, FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import {
  type AppAction,
  type Authorisation,
  applyAppAction,
  refreshAuthorisation,
} from '../domain/decoupledSca.js';
import type { SandboxBank } from '../domain/sandboxBank.js';
import { bankIdLink, settleDecoupled } from './consentRoutes.js';
import type { SandboxContext } from './context.js';
import { bankIdPage } from './pages.js';

interface Order {
  bank: SandboxBank;
  authorisation: Authorisation;
}

function findOrder(context: SandboxContext, token: string | undefined): Order | undefined {
  const ref = token ? context.bankIdOrders.get(token) : undefined;
  const bank = ref ? context.banks.get(ref.bic) : undefined;
  const authorisation = ref ? bank?.authorisations.get(ref.authorisationId) : undefined;
  return bank && authorisation ? { bank, authorisation } : undefined;
}

/** BankID's own vocabulary: pending / complete / failed with a hint code. */
function orderStatus(context: SandboxContext, { bank, authorisation }: Order) {
  const scaStatus = refreshAuthorisation(authorisation, context.now());
  const status =
    scaStatus === 'finalised' ? 'complete' : scaStatus === 'failed' ? 'failed' : 'pending';
  return {
    autoStartToken: authorisation.autoStartToken,
    bic: bank.bic,
    bankName: bank.config.name,
    psuId: authorisation.psuId,
    status,
    scaStatus,
    hintCode:
      authorisation.hint ??
      (scaStatus === 'received'
        ? 'outstandingTransaction'
        : scaStatus === 'started'
          ? 'userSign'
          : undefined),
  };
}

function act(context: SandboxContext, order: Order, action: AppAction): void {
  const outcome = applyAppAction(order.authorisation, action, context.now());
  if (outcome && outcome.scaStatus !== 'started')
    settleDecoupled(context, order.bank, order.authorisation, outcome);
}

async function renderOrder(
  context: SandboxContext,
  reply: FastifyReply,
  order: Order,
  status = 200,
): Promise<FastifyReply> {
  const token = order.authorisation.autoStartToken;
  const qrSvg = await QRCode.toString(bankIdLink(token), { type: 'svg', margin: 1 });
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(
      bankIdPage({
        autoStartToken: token,
        qrSvg,
        bankName: order.bank.config.name,
        psuName: order.bank.psu(order.authorisation.psuId)?.name ?? '',
        status: order.authorisation.scaStatus,
        actionUrl: `${context.publicUrl}/bankid/orders/${token}`,
      }),
    );
}

export function registerBankIdRoutes(app: FastifyInstance, context: SandboxContext): void {
  app.get('/bankid', async (request, reply) => {
    const { autostarttoken } = request.query as { autostarttoken?: string };
    if (!autostarttoken) return reply.type('text/html; charset=utf-8').send(bankIdPage({}));
    const order = findOrder(context, autostarttoken);
    if (!order)
      return reply
        .code(404)
        .type('text/html; charset=utf-8')
        .send(bankIdPage({ error: 'No BankID order for this autostart token.' }));
    // Opening the app with the token is what moves the order to "started".
    act(context, order, 'open');
    return renderOrder(context, reply, order);
  });

  app.post('/bankid/orders/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const { action } = (request.body ?? {}) as { action?: string };
    const order = findOrder(context, token);
    if (!order)
      return reply
        .code(404)
        .type('text/html; charset=utf-8')
        .send(bankIdPage({ error: 'No BankID order for this autostart token.' }));
    if (action === 'approve' || action === 'deny') act(context, order, action);
    return renderOrder(context, reply, order);
  });

  app.get('/bankid/api/orders/:token', async (request, reply) => {
    const order = findOrder(context, (request.params as { token: string }).token);
    if (!order)
      return reply
        .code(404)
        .send({ errorCode: 'notFound', details: 'No order for this autostart token' });
    return orderStatus(context, order);
  });

  app.post('/bankid/api/orders/:token', async (request, reply) => {
    const order = findOrder(context, (request.params as { token: string }).token);
    if (!order)
      return reply
        .code(404)
        .send({ errorCode: 'notFound', details: 'No order for this autostart token' });
    const { action } = (request.body ?? {}) as { action?: unknown };
    if (action !== 'open' && action !== 'approve' && action !== 'deny') {
      return reply
        .code(400)
        .send({ errorCode: 'invalidParameters', details: 'action must be open, approve or deny' });
    }
    act(context, order, action);
    return orderStatus(context, order);
  });
}
