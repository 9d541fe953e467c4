// The accounts of a global product's body in the form the bank's API takes them (registry
// `payments.accountForms`): a TPP writes one body for every bank, with IBANs or Swedish
// `bban` + `clearingNumber`, and each bank is sent its own form. Handelsbanken, for one, takes a
// domestic payment's debtor as the account number alone and its creditor as account number and
// clearing number.
//
// A body that has no such form is the TPP's to fix, not a failure: PaymentBodyRefusal names
// the field (a Handelsbanken IBAN does not carry its clearing number; a Finnish IBAN has no
// Swedish account number). Giro numbers pass as they are.
//
// Pure: no I/O.

import type { AccountForm, AccountForms } from '../registry/types.js';
import type { BankJsonObject } from './bank-connector.js';
import { ibanOfSwedishAccount, swedishAccountOfIban } from './swedish-account-numbers.js';

/** The TPP's body cannot be put in the bank's form; `path` is the field, as the TPP wrote it. */
export class PaymentBodyRefusal extends Error {
  override name = 'PaymentBodyRefusal';
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

function isObject(value: unknown): value is BankJsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const FORM_NAMES: Record<AccountForm, string> = {
  iban: 'an IBAN',
  bban: 'the account number without clearing number (bban)',
  'bban-clearing': 'the account number (bban) with its clearingNumber',
};

function withCurrency(account: BankJsonObject, reference: BankJsonObject): BankJsonObject {
  return reference.currency === undefined ? account : { ...account, currency: reference.currency };
}

function inIbanForm(reference: BankJsonObject, path: string): BankJsonObject {
  if (typeof reference.iban === 'string') return reference;
  const bban = String(reference.bban);
  if (typeof reference.clearingNumber !== 'string') {
    throw new PaymentBodyRefusal(
      `${path}.clearingNumber`,
      'is needed beside the bban: this bank takes accounts as IBANs, and a Swedish IBAN is made of the clearing number and the account number',
    );
  }
  return withCurrency({ iban: swedishIban(reference.clearingNumber, bban, path) }, reference);
}

/** The IBAN of a clearing number and account number, or a refusal naming the wrong part. */
function swedishIban(clearingNumber: string, bban: string, path: string): string {
  const iban = ibanOfSwedishAccount(clearingNumber, bban);
  if (iban.ok) return iban.value;
  throw new PaymentBodyRefusal(
    `${path}.${iban.field === 'clearingNumber' ? 'clearingNumber' : 'bban'}`,
    iban.problem,
  );
}

function inBbanForm(
  reference: BankJsonObject,
  form: 'bban' | 'bban-clearing',
  path: string,
): BankJsonObject {
  if (typeof reference.bban === 'string') {
    if (form === 'bban') return withCurrency({ bban: reference.bban }, reference);
    if (typeof reference.clearingNumber !== 'string') {
      throw new PaymentBodyRefusal(
        `${path}.clearingNumber`,
        'is required beside the bban: this bank takes this account as account number and clearing number',
      );
    }
    // A clearing number no Swedish bank uses would only be refused by the bank.
    swedishIban(reference.clearingNumber, reference.bban, path);
    return reference;
  }
  const iban = String(reference.iban);
  if (!iban.startsWith('SE')) {
    throw new PaymentBodyRefusal(
      `${path}.iban`,
      `this bank takes this account as ${FORM_NAMES[form]}, which only Swedish accounts have; ${iban.slice(0, 2)} IBANs cannot be sent to it`,
    );
  }
  const account = swedishAccountOfIban(iban);
  if (!account.ok) throw new PaymentBodyRefusal(`${path}.iban`, account.problem);
  const { accountNumber, clearingNumber, bank } = account.value;
  if (form === 'bban') return withCurrency({ bban: accountNumber }, reference);
  if (clearingNumber === undefined) {
    throw new PaymentBodyRefusal(
      `${path}.iban`,
      `this bank takes this account as ${FORM_NAMES[form]}, and ${bank} IBANs do not carry the clearing number: send {"bban", "clearingNumber"} instead of the IBAN`,
    );
  }
  return withCurrency({ bban: accountNumber, clearingNumber }, reference);
}

/** One account reference in `form`; giro numbers and references without an account as they are. */
export function accountInForm(reference: unknown, form: AccountForm, path: string): unknown {
  if (!isObject(reference)) return reference;
  if (typeof reference.iban !== 'string' && typeof reference.bban !== 'string') return reference;
  return form === 'iban' ? inIbanForm(reference, path) : inBbanForm(reference, form, path);
}

/**
 * A Berlin Group body (berlin-group-payment-body.ts) with its debtor and creditor accounts in
 * the bank's forms: the body's own creditor, or every bulk item's.
 */
export function withAccountForms(body: BankJsonObject, forms: AccountForms): BankJsonObject {
  const out: BankJsonObject = { ...body };
  if (out.debtorAccount !== undefined) {
    out.debtorAccount = accountInForm(out.debtorAccount, forms.debtorAccount, 'debtorAccount');
  }
  if (out.creditorAccount !== undefined) {
    out.creditorAccount = accountInForm(
      out.creditorAccount,
      forms.creditorAccount,
      'creditorAccount',
    );
  }
  if (Array.isArray(out.payments)) {
    out.payments = out.payments.map((item, index) =>
      isObject(item) && item.creditorAccount !== undefined
        ? {
            ...item,
            creditorAccount: accountInForm(
              item.creditorAccount,
              forms.creditorAccount,
              `payments[${index}].creditorAccount`,
            ),
          }
        : item,
    );
  }
  return out;
}
