// Payment initiation API of every sandbox bank, the same shape as its consent API:
// POST /v1/{payment-service}/{payment-product}, GET, /status, DELETE, and the decoupled
// authorisation resources. Another TPP's payment looks exactly like an unknown one, and
// ownership is checked before the service and product in the path.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isoDate } from '../domain/dates.js';
import { refreshAuthorisation } from '../domain/decoupled-sca.js';
import { BankError } from '../domain/errors.js';
import { BANK_CODES } from '../domain/local-flavour.js';
import { formatAmount } from '../domain/money.js';
import { cancel, checkCancellable } from '../domain/payment-cancellation.js';
import { productAudience, productCurrencies } from '../domain/payment-products.js';
import {
  debtorChosen,
  PAYMENT_SERVICES,
  type Payment,
  type PaymentRules,
  type PaymentService,
  parsePaymentBody,
  totalAmount,
} from '../domain/payments.js';
import type { SandboxBank } from '../domain/sandbox-bank.js';
import { type ScaResourceRef, sameResource } from '../domain/sca-resource.js';
import type { PaymentOperation } from '../registry/load-registry.js';
import { paymentRulesOf } from '../registry/payment-rules.js';
import { reportedStep } from '../sca/bank-sca-steps.js';
import { needsCreditorApproval } from '../sca/new-creditor.js';
import { bindPayment } from '../sca/payment-sca-kind.js';
import { decoupledAuthorisationBody, startDecoupledSca } from './bank-id-orders.js';
import {
  bankOf,
  bankUrl,
  header,
  requireRequestId,
  type SandboxContext,
  tppClientId,
} from './context.js';

const API = { config: { faults: true } };

function asResource(payment: Payment): ScaResourceRef {
  return { kind: 'payment', id: payment.paymentId };
}

function asCancellation(payment: Payment): ScaResourceRef {
  return { kind: 'paymentCancellation', id: payment.paymentId };
}

function paymentPath(payment: Payment, rest = ''): string {
  return `/v1/${payment.service}/${payment.product}/${payment.paymentId}${rest}`;
}

function paymentLinks(context: SandboxContext, bank: SandboxBank, payment: Payment) {
  const self = bankUrl(context, bank.bic, paymentPath(payment));
  const links: Record<string, { href: string }> = {
    self: { href: self },
    status: { href: `${self}/status` },
  };
  if (payment.status === 'RCVD' || payment.status === 'PATC') {
    if (bank.config.scaApproaches.includes('REDIRECT'))
      links.scaOAuth = {
        href: bankUrl(context, bank.bic, '/.well-known/oauth-authorization-server'),
      };
    if (bank.config.scaApproaches.includes('DECOUPLED')) {
      links.startAuthorisationWithPsuIdentification = { href: `${self}/authorisations` };
      links.startAuthorisation = { href: `${self}/authorisations` };
    }
  }
  return links;
}

/**
 * The PSU headers the bank insists on for this call (registry `payments.requiredPsuHeaders`),
 * checked with the request's format, before the payment is looked up.
 */
function requirePsuHeaders(
  bank: SandboxBank,
  request: FastifyRequest,
  operation: PaymentOperation,
) {
  for (const name of bank.config.paymentPsuHeaders[operation]) {
    if (!header(request, name))
      throw new BankError('FORMAT_ERROR', `${name} header is required by this bank`);
  }
}

/** The client's payment named in the path; service and product must match it. */
function paymentInPath(
  context: SandboxContext,
  request: FastifyRequest,
  service: PaymentService,
  operation: PaymentOperation,
) {
  const bank = bankOf(context, request);
  requireRequestId(request);
  requirePsuHeaders(bank, request, operation);
  const clientId = tppClientId(context, request);
  const { product, paymentId } = request.params as { product: string; paymentId: string };
  const payment = bank.paymentOf(clientId, paymentId);
  if (!payment) throw new BankError('RESOURCE_UNKNOWN', `Payment ${paymentId} is unknown`);
  if (payment.service !== service)
    throw new BankError('SERVICE_INVALID', `The payment is not a ${service} resource`);
  if (payment.product !== product)
    throw new BankError('PRODUCT_INVALID', `The payment is not a ${product} payment`, 403);
  context.payments.run(payment);
  return { bank, clientId, payment };
}

function statusBody(payment: Payment) {
  const body: Record<string, unknown> = { transactionStatus: payment.status };
  if (payment.fundsAvailable !== undefined) body.fundsAvailable = payment.fundsAvailable;
  if (payment.status === 'RJCT' && payment.rejectReason) {
    body.tppMessages = [
      {
        category: 'ERROR',
        code: payment.fundsAvailable === false ? 'FUNDS_NOT_AVAILABLE' : 'PAYMENT_FAILED',
        text: payment.rejectReason,
      },
    ];
  }
  if (payment.status === 'PART')
    body.psuMessage = `${payment.items.filter((i) => i.rejected).length} of ${payment.items.length} payments were not executed`;
  return body;
}

/** A bank that books and then loses its answer (fault injection): the call never returns. */
function loseAnswer(bank: SandboxBank, request: FastifyRequest, reply: FastifyReply): boolean {
  if (bank.lostPaymentAnswers <= 0) return false;
  bank.lostPaymentAnswers--;
  reply.hijack();
  request.raw.socket?.destroy();
  return true;
}

function checkInitiation(bank: SandboxBank, product: string, payment: Payment, now: Date): void {
  // The PSU picks the debtor during SCA: its checks come with the pick.
  if (!debtorChosen(payment)) return;
  const account = bank.psus
    .flatMap((p) => p.accounts.map((a) => ({ psu: p, account: a })))
    .find((e) => e.account.iban === payment.debtorIban);
  if (!account) throw new BankError('FORMAT_ERROR', 'debtorAccount: not an account at this bank');
  const currency = payment.items[0]?.currency;
  if (currency !== account.account.currency)
    throw new BankError(
      'FORMAT_ERROR',
      `instructedAmount.currency: must be the debtor account's currency ${account.account.currency}`,
    );
  const audience = productAudience(product);
  if (audience !== 'any' && audience !== account.psu.kind)
    throw new BankError('PRODUCT_INVALID', `${product} is not available to this customer`, 403);
  const currencies = productCurrencies(product);
  if (currencies && !currencies.includes(currency))
    throw new BankError('PRODUCT_INVALID', `${product} moves ${currencies.join(', ')} only`, 403);
  if (account.psu.scenario === 'blockedAccount')
    throw new BankError('PAYMENT_FAILED', 'The debtor account is blocked');
  if (account.psu.scenario === 'dailyLimit') {
    const today = isoDate(now);
    const spent = [...bank.payments.values()]
      .filter(
        (p) =>
          p.debtorIban === payment.debtorIban &&
          isoDate(p.createdAt) === today &&
          p.status !== 'RJCT' &&
          p.status !== 'CANC',
      )
      .reduce((sum, p) => sum + totalAmount(p), 0);
    const limit = paymentRulesOf(bank.bic).dailyLimit * 100;
    if (spent + totalAmount(payment) > limit)
      throw new BankError(
        'PAYMENT_FAILED',
        `The daily payment limit of ${formatAmount(limit)} ${currency} would be exceeded`,
      );
  }
}

function registerService(app: FastifyInstance, context: SandboxContext, service: PaymentService) {
  const base = `/banks/:bic/v1/${service}/:product`;

  app.post(base, API, async (request, reply) => {
    const bank = bankOf(context, request);
    requireRequestId(request);
    const clientId = tppClientId(context, request);
    const { product } = request.params as { product: string };
    const requestId = header(request, 'X-Request-ID') as string;
    const now = context.now();
    const scope = `${service}/${product}`;
    const decision = bank.replays.decide(clientId, requestId, scope, request.body, now);
    if (decision.kind === 'conflict')
      throw new BankError(
        'FORMAT_ERROR',
        'X-Request-ID was already used for a different request: use a new X-Request-ID',
      );
    if (decision.kind === 'replay') {
      const { answer } = decision;
      if (answer.location) reply.header('location', answer.location);
      return reply.code(answer.status).header('idempotent-replayed', 'true').send(answer.body);
    }
    requirePsuHeaders(bank, request, 'initiation');
    if (!bank.config.paymentProducts.includes(product))
      throw new BankError('PRODUCT_UNKNOWN', `This bank does not offer ${product}`);
    const parsed = parsePaymentBody(
      service,
      request.body,
      {
        remittanceMaxLength:
          bank.config.remittanceMaxLength[product] ?? bank.config.remittanceMaxLength.default,
        maxBulkItems: bank.config.maxBulkItems,
        accountForms: bank.config.accountForms[product],
        ibanCode: BANK_CODES[bank.bic],
        debtorAccountOptional: bank.config.debtorAccountOptional,
        ...toOtherBanks(bank, product),
        ...(bank.config.creditorAddressAbroad.includes(product)
          ? { creditorAddressOutside: bank.config.countryCode }
          : {}),
      },
      isoDate(now),
      product,
    );
    const payment: Payment = {
      ...parsed,
      paymentId: context.newId(),
      clientId,
      bic: bank.bic,
      service,
      product,
      status: 'RCVD',
      createdAt: now,
      original: request.body as Record<string, unknown>,
      signers: [],
      occurrencesDone: 0,
    };
    checkInitiation(bank, product, payment, now);
    if (header(request, 'TPP-Rejection-NoFunds-Preferred')?.toLowerCase() === 'false')
      payment.waitForFunds = true;
    bank.payments.set(payment.paymentId, payment);
    const links = paymentLinks(context, bank, payment);
    const body = {
      transactionStatus: payment.status,
      paymentId: payment.paymentId,
      _links: links,
      psuMessage: `Please confirm payment ${payment.paymentId}`,
    };
    const location = links.self?.href;
    bank.replays.remember(
      clientId,
      requestId,
      scope,
      request.body,
      { status: 201, body, ...(location ? { location } : {}) },
      now,
    );
    if (loseAnswer(bank, request, reply)) return reply;
    reply.code(201).header('location', location);
    return body;
  });

  app.get(`${base}/:paymentId`, API, async (request) => {
    const { bank, payment } = paymentInPath(context, request, service, 'read');
    return {
      ...payment.original,
      // The account the PSU picked during SCA, where the body left it out.
      ...(payment.original.debtorAccount === undefined && debtorChosen(payment)
        ? { debtorAccount: { iban: payment.debtorIban } }
        : {}),
      transactionStatus: payment.status,
      _links: paymentLinks(context, bank, payment),
    };
  });

  app.get(`${base}/:paymentId/status`, API, async (request) =>
    statusBody(paymentInPath(context, request, service, 'status').payment),
  );

  app.delete(`${base}/:paymentId`, API, async (request, reply) => {
    const { bank, payment } = paymentInPath(context, request, service, 'cancellation');
    checkCancellable(
      payment,
      bank.config.countryCode,
      paymentRulesOf(bank.bic).cancellationCutOffHour,
      context.now(),
    );
    // Nobody signed it yet: the DELETE alone cancels.
    if (payment.status === 'RCVD' || payment.status === 'PATC') {
      cancel(payment);
      reply.code(204);
      return null;
    }
    // An authorised payment is cancelled only once the PSU signs the cancellation too.
    payment.cancellationRequested = true;
    const self = bankUrl(context, bank.bic, paymentPath(payment));
    const links: Record<string, { href: string }> = {};
    if (bank.config.scaApproaches.includes('REDIRECT'))
      links.scaOAuth = {
        href: bankUrl(context, bank.bic, '/.well-known/oauth-authorization-server'),
      };
    if (bank.config.scaApproaches.includes('DECOUPLED'))
      links.startAuthorisation = { href: `${self}/cancellation-authorisations` };
    reply.code(202);
    return { transactionStatus: payment.status, _links: links };
  });

  app.post(`${base}/:paymentId/authorisations`, API, async (request, reply) => {
    const { bank, clientId, payment } = paymentInPath(context, request, service, 'authorisation');
    if (!bank.config.scaApproaches.includes('DECOUPLED'))
      throw new BankError(
        'SERVICE_INVALID',
        'This bank offers redirect SCA only: use /oauth2/authorize with scope PIS:{paymentId}',
      );
    const body = (request.body ?? {}) as { psuData?: { psuId?: unknown } };
    const psuId =
      header(request, 'PSU-ID') ??
      (typeof body.psuData?.psuId === 'string' ? body.psuData.psuId : undefined);
    const psu = psuId === undefined ? undefined : bank.psu(psuId);
    if (psuId !== undefined && !psu)
      throw new BankError('PSU_CREDENTIALS_INVALID', `PSU ${psuId} is not a customer of this bank`);
    const subject = context.scaKinds.open(bank, clientId, asResource(payment));
    const blocker = subject?.blocker(psu?.psuId, context.now());
    if (blocker) throw blocker;
    bindPayment(payment);
    const authorisation = startDecoupledSca(context, bank, asResource(payment), clientId, psu);
    const answer = decoupledAuthorisationBody(
      context,
      bank,
      authorisation,
      bankUrl(
        context,
        bank.bic,
        paymentPath(payment, `/authorisations/${authorisation.authorisationId}`),
      ),
    );
    reply.code(201).header('location', answer._links.self.href);
    return { ...answer, psuMessage: 'Open your BankID app to sign the payment.' };
  });

  app.get(`${base}/:paymentId/authorisations`, API, async (request) => {
    const { bank, payment } = paymentInPath(context, request, service, 'authorisation');
    return {
      authorisationIds: bank.authorisationsOf(asResource(payment)).map((a) => a.authorisationId),
    };
  });

  const authorisationStatus = async (request: FastifyRequest) => {
    const { bank, payment } = paymentInPath(context, request, service, 'authorisation');
    const { authorisationId } = request.params as { authorisationId: string };
    const authorisation = bank.authorisations.get(authorisationId);
    if (!authorisation || !sameResource(authorisation.resource, asResource(payment)))
      throw new BankError('RESOURCE_UNKNOWN', `Authorisation ${authorisationId} is unknown`);
    const scaStatus = refreshAuthorisation(authorisation, context.now());
    const psu = authorisation.psuId === undefined ? undefined : bank.psu(authorisation.psuId);
    // The PSU is in the app approving a new payee before signing (Swedbank-style).
    const answer: Record<string, unknown> = {
      scaStatus:
        scaStatus === 'started' && needsCreditorApproval(bank, payment, psu)
          ? 'authoriseCreditorAccountStarted'
          : reportedStep(bank.config.decoupledScaSteps, authorisation, scaStatus),
    };
    if (authorisation.hint) answer.psuMessage = authorisation.hint;
    return answer;
  };
  app.get(`${base}/:paymentId/authorisations/:authorisationId`, API, authorisationStatus);
  // Selecting a method changes nothing here: BankID is the only one.
  app.put(`${base}/:paymentId/authorisations/:authorisationId`, API, authorisationStatus);

  app.post(`${base}/:paymentId/cancellation-authorisations`, API, async (request, reply) => {
    const { bank, clientId, payment } = paymentInPath(context, request, service, 'authorisation');
    if (!bank.config.scaApproaches.includes('DECOUPLED'))
      throw new BankError(
        'SERVICE_INVALID',
        'This bank offers redirect SCA only: use /oauth2/authorize with scope PIS-CANCEL:{paymentId}',
      );
    const psuId = header(request, 'PSU-ID');
    const psu = psuId === undefined ? undefined : bank.psu(psuId);
    if (psuId !== undefined && !psu)
      throw new BankError('PSU_CREDENTIALS_INVALID', `PSU ${psuId} is not a customer of this bank`);
    const ref = asCancellation(payment);
    const blocker = context.scaKinds.open(bank, clientId, ref)?.blocker(psu?.psuId, context.now());
    if (blocker) throw blocker;
    const authorisation = startDecoupledSca(context, bank, ref, clientId, psu);
    const answer = decoupledAuthorisationBody(
      context,
      bank,
      authorisation,
      bankUrl(
        context,
        bank.bic,
        paymentPath(payment, `/cancellation-authorisations/${authorisation.authorisationId}`),
      ),
    );
    reply.code(201).header('location', answer._links.self.href);
    return { ...answer, psuMessage: 'Open your BankID app to sign the cancellation.' };
  });

  app.get(`${base}/:paymentId/cancellation-authorisations`, API, async (request) => {
    const { bank, payment } = paymentInPath(context, request, service, 'authorisation');
    return {
      authorisationIds: bank
        .authorisationsOf(asCancellation(payment))
        .map((a) => a.authorisationId),
    };
  });

  app.get(
    `${base}/:paymentId/cancellation-authorisations/:authorisationId`,
    API,
    async (request) => {
      const { bank, payment } = paymentInPath(context, request, service, 'authorisation');
      const { authorisationId } = request.params as { authorisationId: string };
      const authorisation = bank.authorisations.get(authorisationId);
      if (!authorisation || !sameResource(authorisation.resource, asCancellation(payment)))
        throw new BankError('RESOURCE_UNKNOWN', `Authorisation ${authorisationId} is unknown`);
      const answer: Record<string, unknown> = {
        scaStatus: refreshAuthorisation(authorisation, context.now()),
      };
      if (authorisation.hint) answer.psuMessage = authorisation.hint;
      return answer;
    },
  );
}

export function registerPaymentRoutes(app: FastifyInstance, context: SandboxContext): void {
  for (const service of PAYMENT_SERVICES) registerService(app, context, service);
}

/** The bank's remittance limit to other banks' accounts for `product`, where it has one. */
function toOtherBanks(bank: SandboxBank, product: string): Pick<PaymentRules, 'toOtherBanks'> {
  const rule = bank.config.remittanceToOtherBanks;
  const remittanceMaxLength = rule?.maxLength[product];
  if (rule === undefined || remittanceMaxLength === undefined) return {};
  const country = bank.config.countryCode;
  return { toOtherBanks: { country, ownBankCodes: rule.ownBankCodes, remittanceMaxLength } };
}
