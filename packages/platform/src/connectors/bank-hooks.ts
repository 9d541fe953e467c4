// Per-bank quirks of the generic Berlin Group connector, as one small explicit object.
// A bank that differs from the defaults gets an override of the fields it needs, given to
// createConnectors({ hooks: { BIC: { ... } } }); nothing is subclassed.

import type { BankJsonObject, PsuHeaders } from './bank-connector.js';
import { berlinGroupPaymentBody, type PaymentBodyInput } from './berlin-group-payment-body.js';

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

/**
 * What a call is, for the headers it carries: the consent API and the payment API identify
 * Bankbridge (`tppHeaders`), the token endpoint authenticates it as an OAuth client, data
 * calls carry the consent's token.
 */
export type BankCallKind = 'consent' | 'payment' | 'token' | 'data';

export interface BankHooks {
  /** Paths under the bank's base URL. */
  paths: {
    consents: string;
    accounts: string;
    /** Where the payment services hang: `{payments}/{service}/{product}/{paymentId}`. */
    payments: string;
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
  /**
   * The JSON body of a payment initiation: a global product's canonical model mapped to the
   * Berlin Group body with its accounts in the registry's forms (berlin-group-payment-body.ts,
   * account-forms.ts), a bank product's body as sent. A bank whose global products differ at
   * the body level beyond its account forms maps here.
   */
  paymentBody(payment: PaymentBodyInput): BankJsonObject;
}

/** How a bank addresses the SCA of one kind of resource. */
export interface BankScaAddress {
  /** The OAuth scope of the redirect SCA: `AIS:{consentId}`, `PIS:{paymentId}`. */
  scope(bankId: string): string;
  /**
   * The resource's path, under which its authorisations hang. `placement` is where the bank
   * files it besides its id (a payment's `{service, product}`), as the resource carries it.
   */
  path(
    paths: BankHooks['paths'],
    bankId: string,
    placement?: Readonly<Record<string, string>>,
  ): string;
  /** The collection of its authorisations under that path (default `authorisations`). */
  authorisations?: string;
  /** The decoupled token grant's field that names the resource. */
  grantField: string;
  /** Which API the authorisation calls belong to, for their headers (default `consent`). */
  api?: 'consent' | 'payment';
}

/** A payment's path at the bank: `{payments}/{service}/{product}/{paymentId}`. */
export function paymentPath(
  paths: BankHooks['paths'],
  ref: { service: string; product: string; bankPaymentId: string },
): string {
  return [paths.payments, ref.service, ref.product, ref.bankPaymentId]
    .map((part, i) => (i === 0 ? part : encodeURIComponent(part)))
    .join('/');
}

/** A payment resource's `{service, product}`; without them its path cannot be known. */
function placedPayment(
  placement: Readonly<Record<string, string>> | undefined,
  bankId: string,
): { service: string; product: string; bankPaymentId: string } {
  const service = placement?.service;
  const product = placement?.product;
  // The platform's mistake, not the bank's: a payment always knows its service and product.
  if (!service || !product)
    throw new Error(`Payment ${bankId} was given without its placement {service, product}`);
  return { service, product, bankPaymentId: bankId };
}

export const DEFAULT_HOOKS: Readonly<BankHooks> = {
  paths: {
    consents: '/v1/consents',
    accounts: '/v1/accounts',
    payments: '/v1',
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
    payment: {
      scope: (bankId) => `PIS:${bankId}`,
      path: (paths, bankId, placement) => paymentPath(paths, placedPayment(placement, bankId)),
      grantField: 'payment_id',
      api: 'payment',
    },
    paymentCancellation: {
      scope: (bankId) => `PIS-CANCEL:${bankId}`,
      path: (paths, bankId, placement) => paymentPath(paths, placedPayment(placement, bankId)),
      authorisations: 'cancellation-authorisations',
      grantField: 'payment_cancellation_id',
      api: 'payment',
    },
  },
  decoupledGrantType: 'urn:bankbridge:params:oauth:grant-type:decoupled',
  decoupledPsuId: 'header',
  queryDate: (date) => date,
  defaultAccessTokenSeconds: 300,
  extraHeaders: () => ({}),
  paymentBody: berlinGroupPaymentBody,
};

/** What a bank changes: any hook, any of the paths, and the SCA address of any kind. */
export type BankHooksOverride = Partial<Omit<BankHooks, 'paths'>> & {
  paths?: Partial<BankHooks['paths']>;
};

/**
 * The hooks for one bank: the defaults, then what is overridden for it. Paths and SCA
 * resources are merged by name: a bank that addresses its consents differently keeps the
 * default addresses of payments.
 */
export function resolveHooks(override: BankHooksOverride = {}): BankHooks {
  return {
    ...DEFAULT_HOOKS,
    ...override,
    paths: { ...DEFAULT_HOOKS.paths, ...override.paths },
    scaResources: { ...DEFAULT_HOOKS.scaResources, ...override.scaResources },
  };
}
