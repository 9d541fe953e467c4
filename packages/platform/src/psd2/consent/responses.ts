/**
 * The bodies of the Consent operations, as the contract names them. Links are paths on the API
 * host, as in the contract's examples; `scaOAuth` is absolute because it is on the auth host.
 */

import type { components } from '@bankbridge/client';
import { acrValues } from '../../auth/login-parameters.js';
import type { CreatedConsent } from '../../consents/consent-service.js';
import type { AccountReference, ConsentAccess, GrantedAccess } from '../../consents/rules/index.js';
import type {
  AuthorisationState,
  QrCode,
  ScaMethod,
  SelectedMethod,
  StartedAuthorisation,
} from '../../sca/index.js';
import { bankIdLink, qrCodeDataUrl } from '../../sca/qr-code.js';
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

/**
 * GET .../authorisations/{id}. While an animated QR code's SCA is `started`, its code of this
 * second comes along (see the contract erratum `sca-status-carries-challenge-data`).
 */
export function scaStatusBody(authorisation: AuthorisationState): Schemas['scaStatusResponse'] {
  const scaStatus = authorisation.scaStatus as Schemas['scaStatus'];
  if (!authorisation.qrCode) return { scaStatus };
  return { scaStatus, challengeData: qrChallengeData(authorisation.qrCode) };
}

/** The vendor's clients read `image` for the image method and `data[0]` for the token one. */
function qrChallengeData(qrCode: QrCode): Schemas['challengeData'] {
  return qrCode.kind === 'image'
    ? { image: qrCodeDataUrl(qrCode.payload) }
    : { data: [qrCode.payload] };
}

/**
 * PUT .../authorisations/{id}. Decoupled: `challengeData.data[0]` is the autostart token, as
 * the integration guide reads it, and `image` the QR code of `bankid:///?autostarttoken=...`
 * (see the contract erratum `challenge-data-as-the-guide-reads-it`).
 * Decision: the animated methods answer their code of this second instead: the image method
 * in `image`, keeping the autostart token in `data[0]` for the "open BankID on this device"
 * button BankID puts beside the QR code; the token method in `data[0]`, which its clients draw.
 */
export function selectedMethodBody(
  selected: SelectedMethod,
  path: string,
  extra: { scaOAuth?: string },
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
    challengeData: decoupledChallengeData(selected.autoStartToken, selected.qrCode),
    psuMessage: selected.psuMessage,
    _links: { scaStatus: href(path) },
  };
}

function decoupledChallengeData(
  autoStartToken: string,
  qrCode: QrCode | undefined,
): Schemas['challengeData'] {
  if (qrCode?.kind === 'token') return qrChallengeData(qrCode);
  return {
    data: [autoStartToken],
    image: qrCodeDataUrl(qrCode ? qrCode.payload : bankIdLink(autoStartToken)),
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
