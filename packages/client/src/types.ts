/**
 * Names for the contract's shapes, taken from the types generated from the NextGenPSD2 1.3.3
 * contract with Bankbridge's errata (`generated/nextgenpsd2.ts`): what a 200 of each
 * operation carries, so the client and the API cannot disagree. Where the contract leaves an
 * id optional that Bankbridge always sends, and that a TPP needs for its next call (an
 * account's `resourceId`, a bank's `bicFi`), the SDK's type makes it required.
 */
import type { components, operations } from './generated/nextgenpsd2.js';
import type { ResponseInfo } from './transport.js';

type Schemas = components['schemas'];

/** The JSON body of an operation's success answer. */
type Ok<
  Op extends keyof operations,
  Status extends keyof operations[Op]['responses'] = 200 & keyof operations[Op]['responses'],
> = operations[Op]['responses'][Status] extends { content: { 'application/json': infer Body } }
  ? Body
  : never;

/** `T` with the properties `K` required (and not undefined). */
type WithIds<T, K extends keyof T> = T & { [P in K]-?: Exclude<T[P], undefined> };

/** A body as the client returns it: with `$response`, the call's request id and headers. */
export type WithResponse<T> = T & { readonly $response: ResponseInfo };

export type CountryList = Ok<'getCountriesList'>;
export type Country = Schemas['country'];
export type CountryDetails = Ok<'getCountryDetails'>;
export type CityList = Ok<'getCityList'>;
export type City = Schemas['city'];
export type CityDetails = Ok<'getCityDetails'>;
/** A bank in a list: `bicFi` is what `aspsp(bic)`, consents and `connect()` take. */
export type AspspListItem = WithIds<Schemas['aspspListItem'], 'bicFi'>;
export type AspspList = Omit<Ok<'getASPSPList'>, 'aspsps'> & { aspsps: AspspListItem[] };
export type Aspsp = WithIds<Ok<'getASPSPDetails'>, 'bicFi'>;

export type AccountAccess = Schemas['accountAccess'];
export type AccountReference = Schemas['accountReference'];
export type ConsentStatus = Schemas['consentStatus'];
export type ScaStatus = Schemas['scaStatus'];
export type ScaMethod = Schemas['authenticationObject'];
export type ConsentRequest = Schemas['consents'];
/** The created consent: `consentId` names it in every later call. */
export type CreatedConsent = WithIds<Ok<'createConsent', 201>, 'consentId'>;
export type ConsentInformation = Ok<'getConsentInformation'>;
export type ConsentStatusResponse = Ok<'getConsentStatus'>;
export type StartedAuthorisation = Ok<'startConsentAuthorisation', 201>;
export type AuthorisationIds = Ok<'getConsentAuthorisation'>;
export type ScaStatusResponse = Ok<'getConsentScaStatus'>;
/** The answer to choosing an SCA method: a decoupled challenge or a redirect link. */
export type SelectedMethod = Schemas['selectPsuAuthenticationMethodResponse'];

/** An account: `resourceId` is the id that `balances(id)`, `transactions(id)` and the rest take. */
export type AccountDetails = WithIds<Schemas['accountDetails'], 'resourceId'>;
export type AccountList = Omit<Ok<'getAccountList'>, 'accounts'> & { accounts: AccountDetails[] };
export type AccountDetailsResponse = Omit<Ok<'readAccountDetails'>, 'account'> & {
  account: AccountDetails;
};
export type Balances = Ok<'getBalances'>;
export type Balance = Schemas['balance'];
export type TransactionsResponse = Ok<'getTransactionList'>;
export type Transaction = Schemas['transactionDetails'];
export type TransactionDetailsResponse = Ok<'getTransactionDetails'>;
/**
 * The query of Read Transaction List: `bookingStatus`, and `dateFrom` (YYYY-MM-DD, required
 * unless a delta is asked for), `dateTo`, `entryReferenceFrom`, `deltaList`, `withBalance`.
 */
export type TransactionQuery = operations['getTransactionList']['parameters']['query'];
export type BookingStatus = TransactionQuery['bookingStatus'];

/** The answer to a payment initiation: `paymentId` names the payment in every later call. */
export type CreatedPayment = WithIds<Ok<'initiatePayment', 201>, 'paymentId'>;

/** `ASPSP-SCA-Approach`: how the PSU authenticates at this bank for this consent. */
export type ScaApproach = 'REDIRECT' | 'DECOUPLED' | 'EMBEDDED' | 'OAUTH';

/**
 * The person the TPP acts for, forwarded to the bank. Send it on calls the PSU makes while
 * present (it also keeps such reads out of the consent's frequencyPerDay budget); leave it
 * out for reads in the background.
 */
export interface Psu {
  /** The PSU's IP address (`PSU-IP-Address`). */
  ipAddress: string;
  /** The PSU's browser (`PSU-User-Agent`); some banks require it when a consent is created. */
  userAgent?: string;
  /** The PSU's id at the bank (`PSU-ID`), when the TPP knows it. */
  id?: string;
  /** The company, for a corporate consent (`PSU-Corporate-ID`). */
  corporateId?: string;
}

/** What the consent and account calls need to name a consent: its id and its bank. */
export interface ConsentRef {
  consentId: string;
  /** BIC of the bank the consent is at (`X-BicFi`). */
  bic: string;
}
