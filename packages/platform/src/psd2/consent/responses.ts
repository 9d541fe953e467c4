/**
 * The bodies of the Consent operations, as the contract names them (the authorisations' are
 * shared with payments: `../sca-responses.ts`). Links are paths on the API host, as in the
 * contract's examples.
 */

import type { components } from '@bankbridge/client';
import type { CreatedConsent } from '../../consents/consent-service.js';
import type { AccountReference, ConsentAccess, GrantedAccess } from '../../consents/rules/index.js';
import type { ConsentRecord } from '../../store/consents.js';
import { method } from '../sca-responses.js';

type Schemas = components['schemas'];

const href = (path: string) => ({ href: path });

export function createdBody(
  created: CreatedConsent,
  path: string,
): Schemas['consentsResponse-201'] {
  return {
    consentStatus: 'received',
    consentId: created.consent.id,
    scaMethods: created.scaMethods.map(method),
    _links: {
      self: href(path),
      status: href(`${path}/status`),
      startAuthorisation: href(`${path}/authorisations`),
    },
  };
}

/**
 * GET /consents/{id}: the consent as created, with its status now.
 * Decision: for a bank-offered consent (`access: {}`) that the PSU authorised, `access` shows
 * the accounts the PSU picked at the bank, which is what this operation exists for in the
 * contract ("where the consent was directly managed between ASPSP and PSU").
 */
export function consentBody(
  consent: ConsentRecord,
  path: string,
): Schemas['consentInformationResponse-200_json'] {
  return {
    access: accessOf(consent) as Schemas['accountAccess'],
    recurringIndicator: consent.recurringIndicator,
    validUntil: consent.validUntil,
    frequencyPerDay: consent.frequencyPerDay,
    lastActionDate: consent.lastActionDate,
    consentStatus: consent.status as Schemas['consentStatus'],
    _links: { self: href(path), status: href(`${path}/status`) },
  };
}

function accessOf(consent: ConsentRecord): ConsentAccess {
  const access = consent.access as ConsentAccess;
  const granted = consent.grantedAccess as GrantedAccess | null;
  const bankOffered = [
    'accounts',
    'balances',
    'transactions',
    'availableAccounts',
    'allPsd2',
  ].every((field) => {
    const value = access[field as keyof ConsentAccess];
    return value === undefined || (Array.isArray(value) && value.length === 0);
  });
  if (!bankOffered || !granted) return access;
  const out: ConsentAccess = {};
  for (const list of ['accounts', 'balances', 'transactions'] as const) {
    if (granted[list].length > 0)
      out[list] = granted[list].map((r: AccountReference) => ({ ...r }));
  }
  return out;
}
