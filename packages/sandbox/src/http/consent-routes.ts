// Consent API of every sandbox bank: POST/GET/DELETE /v1/consents, the status, and the
// decoupled (BankID-style) authorisation resources.

import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  authorisationBlocker,
  type Consent,
  completeSca,
  describeAccess,
  parseConsentRequest,
  refreshConsentStatus,
  transitionConsent,
} from '../domain/consents.js';
import { isoDate } from '../domain/dates.js';
import {
  type Authorisation,
  BANKID_ORDER_SECONDS,
  refreshAuthorisation,
} from '../domain/decoupled-sca.js';
import { BankError } from '../domain/errors.js';
import type { SandboxBank } from '../domain/sandbox-bank.js';
import {
  bankOf,
  bankUrl,
  header,
  requireRequestId,
  type SandboxContext,
  tppClientId,
} from './context.js';

const API = { config: { faults: true } };

export function bankIdLink(autoStartToken: string): string {
  return `bankid:///?autostarttoken=${autoStartToken}&redirect=null`;
}

function consentLinks(
  context: SandboxContext,
  bank: SandboxBank,
  consent: Consent,
): Record<string, { href: string }> {
  const self = bankUrl(context, bank.bic, `/v1/consents/${consent.consentId}`);
  const links: Record<string, { href: string }> = {
    self: { href: self },
    status: { href: `${self}/status` },
  };
  if (bank.config.scaApproaches.includes('REDIRECT')) {
    links.scaOAuth = {
      href: bankUrl(context, bank.bic, '/.well-known/oauth-authorization-server'),
    };
  }
  if (bank.config.scaApproaches.includes('DECOUPLED')) {
    // With a PSU-ID, or without one: the PSU then identifies by scanning the QR code.
    links.startAuthorisationWithPsuIdentification = { href: `${self}/authorisations` };
    links.startAuthorisation = { href: `${self}/authorisations` };
  }
  return links;
}

/** Looks a consent up by path id: unknown (or another TPP's) is 403 CONSENT_UNKNOWN. */
function consentInPath(
  context: SandboxContext,
  bank: SandboxBank,
  clientId: string,
  consentId: string,
): Consent {
  const consent = bank.consentOf(clientId, consentId);
  if (!consent) throw new BankError('CONSENT_UNKNOWN', `Consent ${consentId} is unknown`, 403);
  refreshConsentStatus(consent, context.now());
  return consent;
}

function authorisationBody(context: SandboxContext, bank: SandboxBank, a: Authorisation) {
  const self = bankUrl(
    context,
    bank.bic,
    `/v1/consents/${a.consentId}/authorisations/${a.authorisationId}`,
  );
  return {
    authorisationId: a.authorisationId,
    scaStatus: a.scaStatus,
    scaApproach: 'DECOUPLED',
    autoStartToken: a.autoStartToken,
    challengeData: {
      data: [bankIdLink(a.autoStartToken)],
      additionalInformation: `Open BankID on this device with the link, or scan the QR code with another device; the order is valid for ${BANKID_ORDER_SECONDS} seconds.`,
    },
    psuMessage:
      a.psuId === undefined
        ? 'Scan the QR code with your BankID app to identify.'
        : 'Open your BankID app to identify.',
    _links: {
      self: { href: self },
      scaStatus: { href: self },
      bankIdApp: { href: bankIdLink(a.autoStartToken) },
      bankIdSimulator: { href: `${context.publicUrl}/bankid?autostarttoken=${a.autoStartToken}` },
      token: { href: bankUrl(context, bank.bic, '/oauth2/token') },
    },
  };
}

export function registerConsentRoutes(app: FastifyInstance, context: SandboxContext): void {
  app.post('/banks/:bic/v1/consents', API, async (request, reply) => {
    const bank = bankOf(context, request);
    requireRequestId(request);
    const clientId = tppClientId(context, request);
    for (const name of bank.config.requiredPsuHeaders) {
      if (!header(request, name))
        throw new BankError(
          'FORMAT_ERROR',
          `${name} header is required by this bank when creating a consent`,
        );
    }
    const now = context.now();
    const request_ = parseConsentRequest(request.body, bank.config, now);
    const consent: Consent = {
      ...request_,
      consentId: context.newId(),
      clientId,
      bic: bank.bic,
      status: 'received',
      createdAt: now,
      lastActionDate: isoDate(now),
    };
    bank.consents.set(consent.consentId, consent);
    const links = consentLinks(context, bank, consent);
    reply.code(201).header('location', links.self?.href);
    return {
      consentStatus: consent.status,
      consentId: consent.consentId,
      validUntil: consent.validUntil,
      frequencyPerDay: consent.frequencyPerDay,
      _links: links,
    };
  });

  app.get('/banks/:bic/v1/consents/:consentId', API, async (request) => {
    const bank = bankOf(context, request);
    requireRequestId(request);
    const { consentId } = request.params as { consentId: string };
    const consent = consentInPath(context, bank, tppClientId(context, request), consentId);
    return {
      access: describeAccess(consent, (id) => bank.account(id)),
      recurringIndicator: consent.recurringIndicator,
      validUntil: consent.validUntil,
      frequencyPerDay: consent.frequencyPerDay,
      lastActionDate: consent.lastActionDate,
      consentStatus: consent.status,
      _links: consentLinks(context, bank, consent),
    };
  });

  app.get('/banks/:bic/v1/consents/:consentId/status', API, async (request) => {
    const bank = bankOf(context, request);
    requireRequestId(request);
    const { consentId } = request.params as { consentId: string };
    return {
      consentStatus: consentInPath(context, bank, tppClientId(context, request), consentId).status,
    };
  });

  app.delete('/banks/:bic/v1/consents/:consentId', API, async (request, reply) => {
    const bank = bankOf(context, request);
    requireRequestId(request);
    const { consentId } = request.params as { consentId: string };
    const consent = consentInPath(context, bank, tppClientId(context, request), consentId);
    // Terminal consents stay as they are; deleting them again is harmless.
    transitionConsent(consent, 'terminatedByTpp', context.now());
    bank.tokens.revokeConsent(consent.consentId);
    reply.code(204);
    return null;
  });

  app.post('/banks/:bic/v1/consents/:consentId/authorisations', API, async (request, reply) => {
    const bank = bankOf(context, request);
    requireRequestId(request);
    const { consentId } = request.params as { consentId: string };
    const clientId = tppClientId(context, request);
    const consent = consentInPath(context, bank, clientId, consentId);
    if (!bank.config.scaApproaches.includes('DECOUPLED')) {
      throw new BankError(
        'SERVICE_INVALID',
        'This bank offers redirect SCA only: use /oauth2/authorize',
      );
    }
    const body = (request.body ?? {}) as { psuData?: { psuId?: unknown } };
    const psuId =
      header(request, 'PSU-ID') ??
      (typeof body.psuData?.psuId === 'string' ? body.psuData.psuId : undefined);
    // Without a PSU id the PSU identifies in the BankID app by scanning the QR code.
    const psu = psuId === undefined ? undefined : bank.psu(psuId);
    if (psuId !== undefined && !psu)
      throw new BankError('PSU_CREDENTIALS_INVALID', `PSU ${psuId} is not a customer of this bank`);
    const now = context.now();
    const blocker = authorisationBlocker(consent, psu?.psuId, now);
    if (blocker) throw blocker;
    const authorisation: Authorisation = {
      authorisationId: context.newId(),
      consentId: consent.consentId,
      clientId,
      bic: bank.bic,
      autoStartToken: randomUUID(),
      scaStatus: 'received',
      createdAt: now,
      tokensIssued: false,
    };
    if (psu) authorisation.psuId = psu.psuId;
    if (psu?.scenario) authorisation.scenario = psu.scenario;
    bank.authorisations.set(authorisation.authorisationId, authorisation);
    context.bankIdOrders.set(authorisation.autoStartToken, {
      bic: bank.bic,
      authorisationId: authorisation.authorisationId,
    });
    const body_ = authorisationBody(context, bank, authorisation);
    reply.code(201).header('location', body_._links.self.href);
    return body_;
  });

  app.get('/banks/:bic/v1/consents/:consentId/authorisations', API, async (request) => {
    const bank = bankOf(context, request);
    requireRequestId(request);
    const { consentId } = request.params as { consentId: string };
    const consent = consentInPath(context, bank, tppClientId(context, request), consentId);
    return {
      authorisationIds: [...bank.authorisations.values()]
        .filter((a) => a.consentId === consent.consentId)
        .map((a) => a.authorisationId),
    };
  });

  app.get(
    '/banks/:bic/v1/consents/:consentId/authorisations/:authorisationId',
    API,
    async (request) => {
      const bank = bankOf(context, request);
      requireRequestId(request);
      const { consentId, authorisationId } = request.params as {
        consentId: string;
        authorisationId: string;
      };
      const consent = consentInPath(context, bank, tppClientId(context, request), consentId);
      const authorisation = bank.authorisations.get(authorisationId);
      if (!authorisation || authorisation.consentId !== consent.consentId) {
        throw new BankError('RESOURCE_UNKNOWN', `Authorisation ${authorisationId} is unknown`);
      }
      const status = refreshAuthorisation(authorisation, context.now());
      const answer: Record<string, unknown> = { scaStatus: status };
      if (authorisation.hint) answer.psuMessage = authorisation.hint;
      return answer;
    },
  );
}

/** Applies a finished BankID order to its consent (shared with the simulator routes). */
export function settleDecoupled(
  context: SandboxContext,
  bank: SandboxBank,
  authorisation: Authorisation,
  outcome: { consent: 'valid' | 'rejected' | 'unchanged' },
): void {
  const consent = bank.consents.get(authorisation.consentId);
  const psu = authorisation.psuId === undefined ? undefined : bank.psu(authorisation.psuId);
  if (!consent) return;
  if (!psu) {
    // Cancelled before anyone identified (QR flow): nothing to grant, the denial still counts.
    if (outcome.consent === 'rejected') transitionConsent(consent, 'rejected', context.now());
    return;
  }
  // BankID cannot show account pickers: a bank-offered consent covers all the PSU's accounts.
  const error = completeSca(
    consent,
    psu,
    outcome,
    psu.accounts.map((a) => a.resourceId),
    context.now(),
  );
  if (error) {
    authorisation.scaStatus = 'failed';
    authorisation.hint = error.message;
  }
}
