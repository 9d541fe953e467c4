// The "Pay" form as a person fills it in: an amount as they write it ("1 250,50", "12.5"), a
// payee's name and IBAN (spaces and lower case allowed, as printed on an invoice), a message.
// Each field that is wrong gets a sentence saying how to write it; nothing is sent to the bank
// until every field is right.

import { isValidIban } from '../consents/rules/iban.js';

export interface PayFormFields {
  account: string;
  amount: string;
  payeeName: string;
  payeeIban: string;
  message: string;
  preferDecoupled: boolean;
}

export type PayFormErrors = Partial<
  Record<'account' | 'amount' | 'payeeName' | 'payeeIban' | 'message', string>
>;

export interface CheckedPayment {
  accountId: string;
  /** The amount as the API wants it: digits, a dot, the currency's decimals at most. */
  amount: string;
  payeeName: string;
  payeeIban: string;
  message: string;
}

/** Amounts a person may type: digits grouped by spaces or commas, a decimal comma or point. */
const WRITTEN = /^\d{1,3}(?:[ ,\u00a0]?\d{3})*(?:[.,]\d+)?$|^\d+(?:[.,]\d+)?$/;
/** What the bank's payment rules accept as a single payment here; more is a typo. */
const MAX_AMOUNT = 1_000_000_000n;
/** Berlin Group's remittanceInformationUnstructured is at most 140 characters. */
const MAX_MESSAGE = 140;
const MAX_NAME = 70;

/** The amount in the API's form, or why it is not one. */
export function readAmount(raw: string, decimals = 2): { amount: string } | { error: string } {
  const written = raw.trim();
  if (written === '') return { error: 'Enter the amount to pay.' };
  if (written.startsWith('-')) return { error: 'The amount must be more than zero.' };
  if (!WRITTEN.test(written)) {
    return { error: 'Write the amount with digits only, for example 125.50 or 1 250,50.' };
  }
  // A point is the decimal sign; so is a last comma, unless three digits follow it (then it
  // groups thousands, as in 1,250). Spaces group thousands.
  const decimal = /([.,])(\d+)$/.exec(written);
  const fraction =
    decimal && (decimal[1] === '.' || (decimal[2] ?? '').length !== 3) ? (decimal[2] ?? '') : '';
  const whole = (fraction ? written.slice(0, -(fraction.length + 1)) : written).replace(
    /[ ,.\u00a0]/g,
    '',
  );
  if (fraction.length > decimals) {
    return { error: `The amount can have at most ${decimals} decimals (öre, cents).` };
  }
  const units = BigInt(whole + fraction.padEnd(decimals, '0'));
  if (units === 0n) return { error: 'The amount must be more than zero.' };
  if (units >= MAX_AMOUNT * 10n ** BigInt(decimals)) {
    return { error: 'The amount is too large for one payment.' };
  }
  const normalWhole = whole.replace(/^0+(?=\d)/, '');
  // Written out to the currency's decimals, as the bank shows it back: 42 is 42.00.
  return {
    amount: decimals > 0 ? `${normalWhole}.${fraction.padEnd(decimals, '0')}` : normalWhole,
  };
}

/** The IBAN in its electronic form, or why it is not one. */
export function readIban(raw: string): { iban: string } | { error: string } {
  const iban = raw.replace(/[\s\u00a0-]+/g, '').toUpperCase();
  if (iban === '')
    return { error: "Enter the payee's IBAN (it starts with two letters, e.g. SE)." };
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) {
    return {
      error: 'An IBAN starts with two letters and two digits, then letters and digits only.',
    };
  }
  if (!isValidIban(iban)) {
    return {
      error:
        'This IBAN is not right: a character is missing, extra or mistyped. Check it against the invoice or the payee.',
    };
  }
  return { iban };
}

/** Every field checked; the payment when all are right, else a sentence per wrong field. */
export function checkPayForm(
  fields: PayFormFields,
  accountIds: readonly string[],
  decimals = 2,
): { ok: true; payment: CheckedPayment } | { ok: false; errors: PayFormErrors } {
  const errors: PayFormErrors = {};
  if (!accountIds.includes(fields.account)) errors.account = 'Choose the account to pay from.';
  const amount = readAmount(fields.amount, decimals);
  if ('error' in amount) errors.amount = amount.error;
  const name = fields.payeeName.trim().replace(/\s+/g, ' ');
  if (name === '') errors.payeeName = 'Enter the name of the person or company you pay.';
  else if (name.length > MAX_NAME)
    errors.payeeName = `The name can be at most ${MAX_NAME} characters.`;
  const iban = readIban(fields.payeeIban);
  if ('error' in iban) errors.payeeIban = iban.error;
  const message = fields.message.trim();
  if (message.length > MAX_MESSAGE) {
    errors.message = `The message can be at most ${MAX_MESSAGE} characters; it has ${message.length}.`;
  }
  if (Object.keys(errors).length > 0 || 'error' in amount || 'error' in iban) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    payment: {
      accountId: fields.account,
      amount: amount.amount,
      payeeName: name,
      payeeIban: iban.iban,
      message,
    },
  };
}
