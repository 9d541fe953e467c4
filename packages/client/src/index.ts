/**
 * @bankbridge/client: a typed client of Bankbridge's NextGenPSD2 API, for Node.js 20+ and
 * browsers. Start with `new Bankbridge({...})`; see README.md. The simple AISP API (`/aisp/v1`
 * with OAuth2's authorization-code flow) has its own: `new AispClient({...})`.
 */

export type {
  AccountInformationApi,
  AccountInformationScope,
  ReadOptions,
} from './account-information.js';
export {
  type AispAccount,
  type AispBalance,
  AispClient,
  type AispClientOptions,
  type AispPsu,
  type AispReadOptions,
  type AispScope,
  AispSession,
  type AispTokens,
  type AispTransaction,
  type AispTransactionPage,
  type AispTransactionQuery,
  type AuthorizationRequest,
} from './aisp.js';
export * from './aisp-errors.js';
export type { AspspInformationApi, CallOptions } from './aspsp-information.js';
export { Bankbridge, type BankbridgeOptions } from './client.js';
export type {
  AnimatedQrConnection,
  ConnectedConsent,
  Connection,
  ConnectOptions,
  DecoupledConnection,
  RedirectConnection,
  WaitOptions,
} from './connect.js';
export {
  type CodeExchange,
  type ConsentApi,
  type ConsentCallOptions,
  type CreateConsentRequest,
  scaApproachOf,
} from './consents.js';
export * from './errors.js';
export type { EventFeedApi, EventListOptions, EventPage } from './event-feed.js';
export type { components, operations, paths } from './generated/nextgenpsd2.js';
export type {
  AnimatedQrPayment,
  AuthorisedPayment,
  DecoupledPayment,
  Payment,
  PaymentStatus,
  PaymentWaitOptions,
  PayOptions,
  RedirectPayment,
} from './pay.js';
export {
  isFinalPaymentState,
  PAYMENT_STATES,
  type PaymentState,
  paymentState,
  type TransactionStatus,
} from './payment-status.js';
export type {
  CreatedPaymentAnswer,
  CreatePaymentRequest,
  PaymentApi,
  PaymentBody,
  PaymentCallOptions,
  PaymentCodeExchange,
  PaymentInformation,
  PaymentRef,
  PaymentStatusAnswer,
} from './payments.js';
export { createPkce, type Pkce, pkceChallenge } from './pkce.js';
export type { TokenResponse } from './tokens.js';
export type { CallSettings, ResponseInfo } from './transport.js';
export type * from './types.js';
export * from './webhooks.js';
