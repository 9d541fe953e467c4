// Per-bank quirks of the generic Berlin Group connector, as one small explicit object.
// A bank that differs from the defaults gets an override of the fields it needs, given to
// createConnectors({ hooks: { BIC: { ... } } }); nothing is subclassed.

import type { PsuHeaders } from './bank-connector.js';

/** Bankbridge's identity at a bank (OAuth client; on the consent API, see `tppHeaders`). */
export interface BankCredentials {
  clientId: string;
  clientSecret: string;
}

/** The identity the bundled sandbox banks know Bankbridge by (they accept any client). */
export const SANDBOX_CREDENTIALS: Readonly<BankCredentials> = {
  clientId: 'bankbridge',
  clientSecret: 'bankbridge',
};

export type BankCallKind = 'consent' | 'token' | 'data';

export interface BankHooks {
  /** Paths under the bank's base URL. */
  paths: {
    consents: string;
    accounts: string;
    authorize: string;
    token: string;
  };
  /**
   * Headers that identify Bankbridge on the consent API. A real bank reads the eIDAS
   * certificate of the TLS connection; the sandbox banks read `TPP-Client-Id`.
   */
  tppHeaders(credentials: BankCredentials): Record<string, string>;
  /** How the token endpoint authenticates Bankbridge. */
  tokenAuth: 'client_secret_basic' | 'client_secret_post';
  /**
   * How the bank addresses the SCA of each kind of resource: the OAuth scope that asks it to
   * authorise one (Berlin Group: `AIS:{id}` for a consent), the path its authorisations hang
   * under, and the token grant's field that names it.
   */
  scaResources: Record<string, BankScaAddress>;
  /** The grant that turns a finalised decoupled authorisation into tokens. */
  decoupledGrantType: string;
  /** How the PSU id travels when a decoupled authorisation starts with one. */
  decoupledPsuId: 'header' | 'body';
  /** A calendar date (YYYY-MM-DD) as the bank wants it in query strings. */
  queryDate(date: string): string;
  /** Access tokens whose lifetime the bank does not state are taken to live this long. */
  defaultAccessTokenSeconds: number;
  /** Extra headers for every call of a kind (a bank's own API key, a fixed PSU header). */
  extraHeaders(kind: BankCallKind, psu: PsuHeaders): Record<string, string>;
}

export interface BankScaAddress {
  scope(bankId: string): string;
  path(paths: BankHooks['paths'], bankId: string): string;
  grantField: string;
}

export const DEFAULT_HOOKS: Readonly<BankHooks> = {
  paths: {
    consents: '/v1/consents',
    accounts: '/v1/accounts',
    authorize: '/oauth2/authorize',
    token: '/oauth2/token',
  },
  tppHeaders: (credentials) => ({ 'TPP-Client-Id': credentials.clientId }),
  tokenAuth: 'client_secret_basic',
  scaResources: {
    consent: {
      scope: (bankId) => `AIS:${bankId}`,
      path: (paths, bankId) => `${paths.consents}/${encodeURIComponent(bankId)}`,
      grantField: 'consent_id',
    },
  },
  decoupledGrantType: 'urn:bankbridge:params:oauth:grant-type:decoupled',
  decoupledPsuId: 'header',
  queryDate: (date) => date,
  defaultAccessTokenSeconds: 300,
  extraHeaders: () => ({}),
};

/** What a bank changes: any hook, and any of the paths. */
export type BankHooksOverride = Partial<Omit<BankHooks, 'paths'>> & {
  paths?: Partial<BankHooks['paths']>;
};

/** The hooks for one bank: the defaults, then what is overridden for it. */
export function resolveHooks(override: BankHooksOverride = {}): BankHooks {
  return {
    ...DEFAULT_HOOKS,
    ...override,
    paths: { ...DEFAULT_HOOKS.paths, ...override.paths },
  };
}
