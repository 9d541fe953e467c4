// The simulated BankID app, shared by all sandbox banks: a page a person uses (the QR code,
// Identify, Approve and Cancel) and a JSON API tests call to do the same without a browser.
// An order authorises one resource; the resource's SCA kind says what the app shows.
// An order started without a PSU id (the QR flow) learns who the PSU is here: the page has a
// PSU picker whose Identify only identifies ({"action": "open", "psuId": "..."} in the JSON
// API); only approve finalises, and approve with a psuId does both at once.

import type { FastifyInstance, FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import { parseAnimatedQr, refuseAnimatedQr } from '../domain/animated-qr.js';
import {
  type AppAction,
  type Authorisation,
  applyAppAction,
  identifyInApp,
  needsIdentification,
  refreshAuthorisation,
} from '../domain/decoupled-sca.js';
import type { SandboxBank } from '../domain/sandbox-bank.js';
import type { ScaSubject } from '../sca/sca-resource-kind.js';
import { bankIdLink, settleDecoupled } from './bank-id-orders.js';
import type { SandboxContext } from './context.js';
import { bankIdPage } from './pages.js';

interface Order {
  bank: SandboxBank;
  authorisation: Authorisation;
  /** The resource the order authorises. */
  subject: ScaSubject;
}

function findOrder(
  context: SandboxContext,
  token: string | undefined,
  orders = context.bankIdOrders,
): Order | undefined {
  const ref = token ? orders.get(token) : undefined;
  const bank = ref ? context.banks.get(ref.bic) : undefined;
  const authorisation = ref ? bank?.authorisations.get(ref.authorisationId) : undefined;
  if (!bank || !authorisation) return undefined;
  const subject = context.scaKinds.open(bank, authorisation.clientId, authorisation.resource);
  return subject ? { bank, authorisation, subject } : undefined;
}

/**
 * The app scans an animated QR code: the order it names, or why the app refuses it (with the
 * status to answer: 404 for an order it does not know, 400 for a code it will not take).
 */
function scannedOrder(
  context: SandboxContext,
  payload: unknown,
): { order: Order } | { status: 400 | 404; refused: string } {
  const code = typeof payload === 'string' ? parseAnimatedQr(payload) : undefined;
  if (!code) {
    return {
      status: 400,
      refused: 'qr must be an animated BankID QR code: bankid.<qrStartToken>.<time>.<qrAuthCode>',
    };
  }
  const order = findOrder(context, code.qrStartToken, context.qrOrders);
  if (!order) return { status: 404, refused: 'No BankID order for this QR code' };
  const refused = refuseAnimatedQr(code, order.authorisation, context.now());
  return refused ? { status: 400, refused } : { order };
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
    psuId: authorisation.psuId ?? null,
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

/**
 * The PSU acts in the app: `psuId` is who scanned the QR code (it counts for open and
 * approve, a cancel needs nobody). Returns why the app refuses, or undefined.
 */
function act(
  context: SandboxContext,
  order: Order,
  action: AppAction,
  psuId?: string,
): string | undefined {
  const { bank, authorisation, subject } = order;
  const now = context.now();
  if (psuId !== undefined && action !== 'deny') {
    const psu = bank.psu(psuId);
    if (!psu)
      return bank.invalidPsuId(psuId) ?? `${psuId} is not a customer of ${bank.config.name}`;
    const blocker = subject.blocker(psu.psuId, now);
    if (blocker) return blocker.message;
    const refused = identifyInApp(authorisation, psu, now);
    if (refused) return refused;
  }
  if (
    action === 'approve' &&
    needsIdentification(authorisation) &&
    refreshAuthorisation(authorisation, now) !== 'failed'
  ) {
    return 'Identify first: this order was started without a PSU, give the psuId of the person scanning the QR code';
  }
  const rules = context.scaKinds.of(authorisation.resource.kind);
  const outcome = applyAppAction(authorisation, action, rules, now);
  if (outcome && outcome.scaStatus !== 'started')
    settleDecoupled(context, bank, authorisation, outcome);
  return undefined;
}

async function renderOrder(
  context: SandboxContext,
  reply: FastifyReply,
  order: Order,
  status = 200,
  error?: string,
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
        psuName:
          order.authorisation.psuId === undefined
            ? ''
            : (order.bank.psu(order.authorisation.psuId)?.name ?? ''),
        request: context.scaKinds.of(order.authorisation.resource.kind).request,
        appHtml: order.subject.appHtml(),
        // Nobody identified yet (QR flow): the person picks who they are.
        ...(needsIdentification(order.authorisation) ? { psus: order.bank.psus } : {}),
        status: order.authorisation.scaStatus,
        actionUrl: `${context.publicUrl}/bankid/orders/${token}`,
        ...(error ? { error } : {}),
      }),
    );
}

export function registerBankIdRoutes(app: FastifyInstance, context: SandboxContext): void {
  app.get('/bankid', async (request, reply) => {
    const { autostarttoken, qr } = request.query as { autostarttoken?: string; qr?: string };
    if (qr) {
      // Scanning the code is what opens the order in the app, as the autostart link does.
      const scanned = scannedOrder(context, qr);
      if (!('order' in scanned)) {
        return reply
          .code(scanned.status)
          .type('text/html; charset=utf-8')
          .send(bankIdPage({ error: scanned.refused }));
      }
      act(context, scanned.order, 'open');
      return renderOrder(context, reply, scanned.order);
    }
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
    const { action, psuId } = (request.body ?? {}) as { action?: string; psuId?: string };
    const order = findOrder(context, token);
    if (!order)
      return reply
        .code(404)
        .type('text/html; charset=utf-8')
        .send(bankIdPage({ error: 'No BankID order for this autostart token.' }));
    if (action === 'open' || action === 'approve' || action === 'deny') {
      const who = typeof psuId === 'string' && psuId.trim() !== '' ? psuId.trim() : undefined;
      const refused = act(context, order, action, who);
      if (refused) return renderOrder(context, reply, order, 400, refused);
    }
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
    const { action, psuId } = (request.body ?? {}) as { action?: unknown; psuId?: unknown };
    if (action !== 'open' && action !== 'approve' && action !== 'deny') {
      return reply
        .code(400)
        .send({ errorCode: 'invalidParameters', details: 'action must be open, approve or deny' });
    }
    if (psuId !== undefined && (typeof psuId !== 'string' || psuId.trim() === '')) {
      return reply
        .code(400)
        .send({ errorCode: 'invalidParameters', details: 'psuId must be a non-empty string' });
    }
    const refused = act(context, order, action, psuId?.trim());
    if (refused) return reply.code(400).send({ errorCode: 'invalidParameters', details: refused });
    return orderStatus(context, order);
  });

  // The person's phone scans the animated QR code on the TPP's screen and acts on its order.
  app.post('/bankid/api/qr', async (request, reply) => {
    const { qr, action, psuId } = (request.body ?? {}) as {
      qr?: unknown;
      action?: unknown;
      psuId?: unknown;
    };
    if (action !== 'open' && action !== 'approve' && action !== 'deny') {
      return reply
        .code(400)
        .send({ errorCode: 'invalidParameters', details: 'action must be open, approve or deny' });
    }
    if (psuId !== undefined && (typeof psuId !== 'string' || psuId.trim() === '')) {
      return reply
        .code(400)
        .send({ errorCode: 'invalidParameters', details: 'psuId must be a non-empty string' });
    }
    const scanned = scannedOrder(context, qr);
    if (!('order' in scanned)) {
      return reply.code(scanned.status).send({
        errorCode: scanned.status === 404 ? 'notFound' : 'invalidParameters',
        details: scanned.refused,
      });
    }
    const refused = act(context, scanned.order, action, psuId?.trim());
    if (refused) return reply.code(400).send({ errorCode: 'invalidParameters', details: refused });
    return orderStatus(context, scanned.order);
  });
}
