// Consents as a kind of resource the sandbox's SCA authorises: the redirect scope
// AIS:{consentId}, the decoupled grant's consent_id, the consent rules, and AIS tokens.

import {
  authorisationBlocker,
  authoriseConsent,
  type Consent,
  needsAccountChoice,
  refreshConsentStatus,
  transitionConsent,
} from '../domain/consents.js';
import type { Psu } from '../domain/model.js';
import type { SandboxBank } from '../domain/sandbox-bank.js';
import { accountChoicesHtml, consentSummaryHtml } from './consent-sca-view.js';
import type { ScaResourceKind, ScaSubject } from './sca-resource-kind.js';

function consentSubject(consent: Consent): ScaSubject {
  return {
    ref: { kind: 'consent', id: consent.consentId },
    blocker: (psuId, now) => authorisationBlocker(consent, psuId, now),
    // The BankID app shows no account picker: a bank-offered consent then covers all the
    // PSU's accounts.
    authorise: (psu: Psu, chosen, now) =>
      authoriseConsent(consent, psu, chosen ?? psu.accounts.map((a) => a.resourceId), now),
    reject: (now) => {
      transitionConsent(consent, 'rejected', now);
    },
    summaryHtml: () => consentSummaryHtml(consent),
    choicesHtml: (psu) => (needsAccountChoice(consent) ? accountChoicesHtml(psu) : ''),
    appHtml: () => '',
  };
}

export const consentScaKind: ScaResourceKind = {
  kind: 'consent',
  scopePrefix: 'AIS',
  idName: 'consentId',
  grantParameter: 'consent_id',
  unknownMessage: 'Unknown consent',
  request: 'asks for access to your account information',
  decisionTitle: 'Approve access',
  declinedMessage: 'The PSU declined the consent',
  bankRejection: (scenario) =>
    scenario === 'consentRejected'
      ? { message: 'The bank rejected the consent', hint: 'consentRejected' }
      : undefined,
  open(bank: SandboxBank, clientId, id) {
    const consent = bank.consentOf(clientId, id);
    return consent ? consentSubject(consent) : undefined;
  },
  // Only a valid consent gets tokens, whichever grant asks.
  tokenBlocker(bank, id, now) {
    const consent = bank.consents.get(id);
    const status = consent ? refreshConsentStatus(consent, now) : 'unknown';
    return status === 'valid' ? undefined : `The consent is ${status}`;
  },
  issueCode: (bank, id, grant, now) => bank.tokens.issueCode({ ...grant, consentId: id }, now),
  issueTokens: (bank, id, grant, now) =>
    bank.tokens.issueAfterSca({ ...grant, consentId: id }, now),
};
