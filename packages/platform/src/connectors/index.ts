// Bank connectors: the platform's only way to a bank. `createConnectors` builds one
// connector per registry bank, once; the platform asks for a bank's connector by BIC.

import type { Registry } from '../registry/types.js';
import type { BankConnector } from './bank-connector.js';
import type { BankCredentials, BankHooksOverride } from './bank-hooks.js';
import type { BankCallObserver, BankCallTracer, HttpSettings } from './bank-http.js';
import { BerlinGroupConnector } from './berlin-group-connector.js';
import type { BankBreakers } from './circuit-breaker.js';

export { accountInForm, PaymentBodyRefusal, withAccountForms } from './account-forms.js';
export type * from './bank-connector.js';
export {
  BANK_CONSENT_STATUSES,
  BANK_SCA_STATUSES,
  BANK_TRANSACTION_STATUSES,
} from './bank-connector.js';
export * from './bank-error.js';
export {
  type BankCallKind,
  type BankCredentials,
  type BankHooks,
  type BankHooksOverride,
  type BankScaAddress,
  DEFAULT_HOOKS,
  paymentPath,
  SANDBOX_CREDENTIALS,
} from './bank-hooks.js';
export {
  type BankCallAttempt,
  type BankCallObserver,
  DEFAULT_HTTP_SETTINGS,
  type HttpSettings,
} from './bank-http.js';
export {
  BerlinGroupConnector,
  type BerlinGroupConnectorOptions,
} from './berlin-group-connector.js';
export {
  bankAccountReference,
  bankAmount,
  berlinGroupPaymentBody,
  PaymentBodyError,
  type PaymentBodyInput,
} from './berlin-group-payment-body.js';
export {
  BankBreakers,
  type BankHealth,
  type BankHealthSource,
  type BankHealthStatus,
  type BreakerSettings,
  CircuitBreaker,
  DEFAULT_BREAKER_SETTINGS,
} from './circuit-breaker.js';

export interface ConnectorsOptions {
  /** Bankbridge's identity at every bank (the sandbox: SANDBOX_CREDENTIALS). */
  credentials: BankCredentials;
  /** Per BIC, when a bank registered Bankbridge under another identity. */
  bankCredentials?: Record<string, BankCredentials>;
  /** Deadline, retries and size cap of every bank call. */
  http?: Partial<HttpSettings>;
  /** Per BIC: the bank's quirks over the defaults. */
  hooks?: Record<string, BankHooksOverride>;
  /** The clock token lifetimes are counted from. */
  now?: () => Date;
  /** Told of every attempt at a bank call, with the request id that caused it. */
  onBankCall?: BankCallObserver;
  /** A circuit breaker per bank; without, every call goes to the bank. */
  breakers?: BankBreakers;
  /** Traces every bank call; without, none is. */
  tracer?: BankCallTracer;
}

export type ConnectorLookup = (bic: string) => BankConnector;

export class UnknownBankError extends Error {
  override name = 'UnknownBankError';
}

/** One connector per registry bank, created here once; unknown BICs throw UnknownBankError. */
export function createConnectors(registry: Registry, options: ConnectorsOptions): ConnectorLookup {
  const connectors = new Map<string, BankConnector>();
  for (const entry of registry.aspsps) {
    const hooks = options.hooks?.[entry.bicFi];
    connectors.set(
      entry.bicFi,
      new BerlinGroupConnector(entry, {
        credentials: options.bankCredentials?.[entry.bicFi] ?? options.credentials,
        ...(options.http ? { http: options.http } : {}),
        ...(hooks ? { hooks } : {}),
        ...(options.now ? { now: options.now } : {}),
        ...(options.onBankCall ? { onCall: options.onBankCall } : {}),
        ...(options.tracer ? { tracer: options.tracer } : {}),
        ...(options.breakers
          ? { breaker: options.breakers.for({ bic: entry.bicFi, name: entry.name }) }
          : {}),
      }),
    );
  }
  return (bic) => {
    const connector = connectors.get(bic.toUpperCase());
    if (!connector) throw new UnknownBankError(`No bank with BIC ${bic} in the ASPSP registry`);
    return connector;
  };
}
