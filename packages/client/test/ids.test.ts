// The ids Bankbridge always sends, and a TPP needs for its next call, are not optional in the
// SDK's types (the contract's generated types leave some optional). These are checked when the
// tests type-check (`npm run typecheck`); vitest runs them as no-ops.

import { describe, expectTypeOf, it } from 'vitest';
import type {
  AccountDetails,
  AccountInformationApi,
  AspspInformationApi,
  ConsentApi,
  CreatedPayment,
} from '../src/index.js';

type Answer<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

describe('ids in the SDK types', () => {
  it("an account's resourceId, in the list and in the details", () => {
    type Accounts = Answer<AccountInformationApi['accounts']>;
    expectTypeOf<Accounts['accounts'][number]['resourceId']>().toEqualTypeOf<string>();
    expectTypeOf<
      Answer<AccountInformationApi['account']>['account']['resourceId']
    >().toEqualTypeOf<string>();
    const each = (accounts: Accounts['accounts']) => {
      for (const account of accounts) expectTypeOf(account.resourceId).toEqualTypeOf<string>();
    };
    expectTypeOf(each).toBeFunction();
    // What else the contract says of an account is kept.
    expectTypeOf<AccountDetails['currency']>().toEqualTypeOf<string>();
    expectTypeOf<AccountDetails['iban']>().toEqualTypeOf<string | undefined>();
  });

  it("a bank's bicFi, in the list and in the details", () => {
    type Banks = Answer<AspspInformationApi['aspsps']>;
    expectTypeOf<Banks['aspsps'][number]['bicFi']>().toEqualTypeOf<string>();
    expectTypeOf<Answer<AspspInformationApi['aspsp']>['bicFi']>().toEqualTypeOf<string>();
  });

  it("a created consent's consentId and a payment's paymentId", () => {
    expectTypeOf<Answer<ConsentApi['create']>['consentId']>().toEqualTypeOf<string>();
    expectTypeOf<CreatedPayment['paymentId']>().toEqualTypeOf<string>();
  });
});
