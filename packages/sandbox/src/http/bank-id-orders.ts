// Decoupled SCA of any resource: a BankID order started for it, the answer a TPP gets
// about the order, and applying the order's end to the resource. The resource's own routes
// (consents; later payments) start orders here; the BankID simulator settles them.

import { randomUUID } from 'node:crypto';
import { type Authorisation, BANKID_ORDER_SECONDS } from '../domain/decoupled-sca.js';
import type { Psu } from '../domain/model.js';
import type { SandboxBank } from '../domain/sandbox-bank.js';
import type { ScaOutcome } from '../domain/sca-outcome.js';
import type { ScaResourceRef } from '../domain/sca-resource.js';
import { settleSca } from '../sca/settle-sca.js';
import { bankUrl, type SandboxContext } from './context.js';

export function bankIdLink(autoStartToken: string): string {
  return `bankid:///?autostarttoken=${autoStartToken}&redirect=null`;
}

/** Starts a BankID order for the resource; without a PSU the PSU identifies in the app. */
export function startDecoupledSca(
  context: SandboxContext,
  bank: SandboxBank,
  resource: ScaResourceRef,
  clientId: string,
  psu: Psu | undefined,
): Authorisation {
  const authorisation: Authorisation = {
    authorisationId: context.newId(),
    resource,
    clientId,
    bic: bank.bic,
    autoStartToken: randomUUID(),
    qrStartToken: randomUUID(),
    qrStartSecret: randomUUID(),
    scaStatus: 'received',
    createdAt: context.now(),
    tokensIssued: false,
  };
  if (psu) authorisation.psuId = psu.psuId;
  if (psu?.scenario) authorisation.scenario = psu.scenario;
  bank.authorisations.set(authorisation.authorisationId, authorisation);
  context.bankIdOrders.set(authorisation.autoStartToken, {
    bic: bank.bic,
    authorisationId: authorisation.authorisationId,
  });
  context.qrOrders.set(authorisation.qrStartToken, {
    bic: bank.bic,
    authorisationId: authorisation.authorisationId,
  });
  return authorisation;
}

/** The Berlin Group answer about a decoupled authorisation; `self` is its URL. */
export function decoupledAuthorisationBody(
  context: SandboxContext,
  bank: SandboxBank,
  a: Authorisation,
  self: string,
) {
  return {
    authorisationId: a.authorisationId,
    scaStatus: a.scaStatus,
    scaApproach: 'DECOUPLED',
    autoStartToken: a.autoStartToken,
    // As BankID answers an order: the TPP draws the animated QR code from these.
    qrStartToken: a.qrStartToken,
    qrStartSecret: a.qrStartSecret,
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

/** Applies a finished BankID order to its resource; a grant that fails fails the order. */
export function settleDecoupled(
  context: SandboxContext,
  bank: SandboxBank,
  authorisation: Authorisation,
  outcome: ScaOutcome,
): void {
  const subject = context.scaKinds.open(bank, authorisation.clientId, authorisation.resource);
  if (!subject) return;
  const psu = authorisation.psuId === undefined ? undefined : bank.psu(authorisation.psuId);
  const error = settleSca(subject, psu, outcome, undefined, context.now());
  if (error) {
    authorisation.scaStatus = 'failed';
    authorisation.hint = error.message;
  }
}
