/**
 * The bodies of the Consent operations, as the contract names them. Links are paths on the API
 * host, as in the contract's examples; `scaOAuth` is absolute because it is on the auth host.
 */

import type { components } from '@bankbridge/client';
import { acrValues } from '../../auth/login-parameters.js';
import type { CreatedConsent } from '../../consents/consent-service.js';
import type { AccountReference, ConsentAccess, GrantedAccess } from '../../consents/rules/index.js';
import type { ScaMethod, SelectedMethod, StartedAuthorisation } from '../../sca/index.js';
import type { AuthorisationRecord } from '../../store/authorisations.js';
import type { ConsentRecord } from '../../store/consents.js';

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

export function startedAuthorisationBody(
  started: StartedAuthorisation,
  path: string,
): Schemas['startScaprocessResponse'] {
  return {
    scaStatus: started.authorisation.scaStatus as Schemas['scaStatus'],
    authorisationId: started.authorisation.id,
    scaMethods: started.scaMethods.map(method),
    _links: {
      selectAuthenticationMethod: href(path),
      scaStatus: href(path),
    },
  };
}

export function authorisationIdsBody(ids: string[]): Schemas['authorisations'] {
  return { authorisationIds: ids };
}

export function scaStatusBody(authorisation: AuthorisationRecord): Schemas['scaStatusResponse'] {
  return { scaStatus: authorisation.scaStatus as Schemas['scaStatus'] };
}

/**
 * PUT .../authorisations/{id}. Decoupled: `challengeData.data[0]` is the autostart token, as
 * the integration guide reads it, and `image` the QR code of `bankid:///?autostarttoken=...`
 * (see the contract erratum `challenge-data-as-the-guide-reads-it`).
 */
export function selectedMethodBody(
  selected: SelectedMethod,
  path: string,
  extra: { scaOAuth?: string; image?: string },
): Record<string, unknown> {
  const base = {
    scaStatus: selected.authorisation.scaStatus,
    chosenScaMethod: method(selected.method),
  };
  if (selected.approach === 'REDIRECT') {
    return {
      ...base,
      _links: { scaOAuth: href(extra.scaOAuth as string), scaStatus: href(path) },
    };
  }
  return {
    ...base,
    challengeData: { data: [selected.autoStartToken], image: extra.image },
    psuMessage: selected.psuMessage,
    _links: { scaStatus: href(path) },
  };
}

/**
 * The link the TPP sends its user to, placeholders left for it to fill (integration guide,
 * step 3): `[CLIENT_ID]`, `[TPP_REDIRECT_URI]`, `[TPP_STATE]`.
 */
export function scaOAuthHref(authUrl: string, consent: ConsentRecord, authorisationId: string) {
  const acr = acrValues({
    bic: consent.bic,
    kind: 'consent',
    resourceId: consent.id,
    authorisationId,
  });
  return (
    `${authUrl}/connect/authorize?client_id=[CLIENT_ID]` +
    `&scope=accountinformation%20${consent.psuContext}&response_type=code` +
    `&redirect_uri=[TPP_REDIRECT_URI]&state=[TPP_STATE]&acr_values=${acr}`
  );
}

function method(m: ScaMethod): Schemas['authenticationObject'] {
  return {
    authenticationType: m.authenticationType,
    authenticationMethodId: m.authenticationMethodId,
    name: m.name,
    ...(m.explanation ? { explanation: m.explanation } : {}),
  };
}
