/**
 * The bodies of the SCA operations every resource shares (a consent's authorisations, a
 * payment's and its cancellation's), as the contract names them. Links are paths on the API
 * host, as in the contract's examples; `scaOAuth` is absolute because it is on the auth host.
 */

import type { components } from '@bankbridge/client';
import { acrValues } from '../auth/login-parameters.js';
import type {
  AuthorisationState,
  QrCode,
  ScaMethod,
  SelectedMethod,
  StartedAuthorisation,
} from '../sca/index.js';
import { bankIdLink, qrCodeDataUrl } from '../sca/qr-code.js';

type Schemas = components['schemas'];

const href = (path: string) => ({ href: path });

/** POST .../authorisations; `extraLinks` names the same path as a resource's own link wants. */
export function startedAuthorisationBody(
  started: StartedAuthorisation,
  path: string,
  extraLinks: readonly string[] = [],
): Schemas['startScaprocessResponse'] {
  return {
    scaStatus: started.authorisation.scaStatus as Schemas['scaStatus'],
    authorisationId: started.authorisation.id,
    scaMethods: started.scaMethods.map(method),
    _links: {
      ...Object.fromEntries(extraLinks.map((name) => [name, href(path)])),
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
 * step 3): `[CLIENT_ID]`, `[TPP_REDIRECT_URI]`, `[TPP_STATE]`. `scope` is the token's, as the
 * vendor writes it (`accountinformation private`, `paymentinitiation private`).
 */
export function scaOAuthHref(
  authUrl: string,
  resource: { bic: string; kind: string; resourceId: string; authorisationId: string },
  scope: string,
) {
  const acr = acrValues(resource);
  return (
    `${authUrl}/connect/authorize?client_id=[CLIENT_ID]` +
    `&scope=${scope.replaceAll(' ', '%20')}&response_type=code` +
    `&redirect_uri=[TPP_REDIRECT_URI]&state=[TPP_STATE]&acr_values=${acr}`
  );
}

export function method(m: ScaMethod): Schemas['authenticationObject'] {
  return {
    authenticationType: m.authenticationType,
    authenticationMethodId: m.authenticationMethodId,
    name: m.name,
    ...(m.explanation ? { explanation: m.explanation } : {}),
  };
}
