// Consent API of every sandbox bank: POST/GET/DELETE /v1/consents, the status, and the
// decoupled (BankID-style) authorisation resources.

import type { FastifyInstance } from 'fastify';
import {
  authorisationBlocker,
  type Consent,
  describeAccess,
  parseConsentRequest,
  refreshConsentStatus,
  transitionConsent,
} from '../domain/consents.js';
import { isoDate } from '../domain/dates.js';
import { refreshAuthorisation } from '../domain/decoupled-sca.js';
import { BankError } from '../domain/errors.js';
import type { SandboxBank } from '../domain/sandbox-bank.js';
import { type ScaResourceRef, sameResource } from '../domain/sca-resource.js';
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

/** A consent as the SCA flows name it. */
function asResource(consent: Consent): ScaResourceRef {
  return { kind: 'consent', id: consent.consentId };
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
      access: describeAccess(consent, (id) => bank.account(id, consent.psuId)),
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
      throw new BankError(
        'PSU_CREDENTIALS_INVALID',
        bank.invalidPsuId(psuId) ?? `PSU ${psuId} is not a customer of this bank`,
      );
    const now = context.now();
    const blocker = authorisationBlocker(consent, psu?.psuId, now);
    if (blocker) throw blocker;
    const authorisation = startDecoupledSca(context, bank, asResource(consent), clientId, psu);
    const body_ = decoupledAuthorisationBody(
      context,
      bank,
      authorisation,
      bankUrl(
        context,
        bank.bic,
        `/v1/consents/${consent.consentId}/authorisations/${authorisation.authorisationId}`,
      ),
    );
    reply.code(201).header('location', body_._links.self.href);
    return body_;
  });

  app.get('/banks/:bic/v1/consents/:consentId/authorisations', API, async (request) => {
    const bank = bankOf(context, request);
    requireRequestId(request);
    const { consentId } = request.params as { consentId: string };
    const consent = consentInPath(context, bank, tppClientId(context, request), consentId);
    return {
      authorisationIds: bank.authorisationsOf(asResource(consent)).map((a) => a.authorisationId),
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
      if (!authorisation || !sameResource(authorisation.resource, asResource(consent))) {
        throw new BankError('RESOURCE_UNKNOWN', `Authorisation ${authorisationId} is unknown`);
      }
      const status = refreshAuthorisation(authorisation, context.now());
      const answer: Record<string, unknown> = { scaStatus: status };
      if (authorisation.hint) answer.psuMessage = authorisation.hint;
      return answer;
    },
  );
}
