// Swedish account numbers and IBANs, and a body's accounts put in the form a bank's API takes
// (registry `payments.accountForms`). The account fields below are Bankgirot's layout as other
// converters document it: clearing number and account number, or the account number alone
// for Handelsbanken and the type 2 savings banks.

import { describe, expect, it } from 'vitest';
import {
  accountInForm,
  PaymentBodyRefusal,
  withAccountForms,
} from '../../src/connectors/account-forms.js';
import { berlinGroupPaymentBody } from '../../src/connectors/berlin-group-payment-body.js';
import {
  ibanOfSwedishAccount,
  swedishAccountOfIban,
} from '../../src/connectors/swedish-account-numbers.js';
import { isValidIban } from '../../src/consents/rules/iban.js';

/** clearing number, account number, the IBAN's bank code and 17-digit field, the bank */
const ACCOUNTS: ReadonlyArray<[string, string, string, string, string]> = [
  ['1281', '0105723', '120', '00000012810105723', 'Danske Bank'],
  ['5439', '1024039', '500', '00000054391024039', 'SEB'],
  ['7507', '1211203', '800', '00000075071211203', 'Swedbank'],
  ['83279', '0333953909', '800', '00832790333953909', 'Swedbank'],
  ['82016', '9143579630', '800', '00820169143579630', 'Swedbank'],
  ['3010', '1234567', '300', '00000030101234567', 'Nordea'],
  ['9960', '3401258276', '950', '00099603401258276', 'Nordea (Plusgirot)'],
];

/** Banks whose IBAN holds the account number alone: no clearing number comes back. */
const WITHOUT_CLEARING: ReadonlyArray<[string, string, string, string, string]> = [
  ['6000', '806967498', '600', '00000000806967498', 'Handelsbanken'],
  ['6240', '021916103', '600', '00000000021916103', 'Handelsbanken'],
  ['9330', '5930160535', '933', '00000005930160535', 'Sparbanken Öresund'],
  ['9570', '5250093407', '957', '00000005250093407', 'Sparbanken Syd'],
];

describe('Swedish account number to IBAN', () => {
  it.each([...ACCOUNTS, ...WITHOUT_CLEARING])(
    '%s-%s is SE.. %s %s (%s)',
    (clearing, account, code, field) => {
      const iban = ibanOfSwedishAccount(clearing, account);
      expect(iban.ok).toBe(true);
      if (!iban.ok) return;
      expect(iban.value.slice(4)).toBe(`${code}${field}`);
      expect(isValidIban(iban.value)).toBe(true);
    },
  );

  it('zero-fills a short Handelsbanken account number, as the bank writes it', () => {
    const iban = ibanOfSwedishAccount('6240', '21916103');
    expect(iban.ok && iban.value.slice(4)).toBe('60000000000021916103');
  });

  it.each([
    ['1001', '1234567', 'no Swedish bank uses clearing number 1001', 'clearingNumber'],
    [
      '8327',
      '0333953909',
      'Swedbank clearing numbers in 8000-8999 have 5 digits',
      'clearingNumber',
    ],
    [
      '5439',
      '12345678',
      'SEB account numbers have up to 7 digits after the clearing number',
      'accountNumber',
    ],
    ['54', '1234567', 'clearing numbers have 4 or 5 digits', 'clearingNumber'],
    ['5439', '12a', 'account numbers are digits', 'accountNumber'],
  ])('refuses %s-%s: %s', (clearing, account, problem, field) => {
    expect(ibanOfSwedishAccount(clearing, account)).toEqual({ ok: false, problem, field });
  });
});

describe('Swedish IBAN to account number', () => {
  it.each(ACCOUNTS)('SE.. %s-%s back: clearing number and account number', (clearing, account) => {
    const iban = ibanOfSwedishAccount(clearing, account);
    if (!iban.ok) throw new Error(iban.problem);
    const back = swedishAccountOfIban(iban.value);
    expect(back).toEqual({
      ok: true,
      value: { bank: expect.any(String), clearingNumber: clearing, accountNumber: account },
    });
  });

  it.each(WITHOUT_CLEARING)(
    'SE.. %s-%s back: the account number, and no clearing number',
    (clearing, account, _c, _f, bank) => {
      const iban = ibanOfSwedishAccount(clearing, account);
      if (!iban.ok) throw new Error(iban.problem);
      expect(swedishAccountOfIban(iban.value)).toEqual({
        ok: true,
        value: { bank, accountNumber: account },
      });
    },
  );

  it('names the bank the clearing number belongs to', () => {
    const back = swedishAccountOfIban('SE4550000000058398257466');
    expect(back).toEqual({
      ok: true,
      value: { bank: 'SEB', clearingNumber: '5839', accountNumber: '8257466' },
    });
  });

  it.each([
    ['FI2112345600000785', 'is not a Swedish IBAN'],
    // Bank code 999 belongs to no Swedish bank.
    ['SE8999900000000000000001', 'names IBAN bank code 999, which no Swedish bank uses'],
    // SEB's code with a Nordea clearing number inside.
    ['SE0050000000030101234567', 'does not hold a clearing number of the bank with IBAN code 500'],
  ])('refuses %s: %s', (iban, problem) => {
    expect(swedishAccountOfIban(iban)).toEqual({ ok: false, problem });
  });
});

const SEB = 'SE4550000000058398257466';
const handelsbanken = (() => {
  const iban = ibanOfSwedishAccount('6000', '806967498');
  if (!iban.ok) throw new Error(iban.problem);
  return iban.value;
})();
const HANDELSBANKEN_FORMS = { debtorAccount: 'bban', creditorAccount: 'bban-clearing' } as const;

function refusal(run: () => unknown): PaymentBodyRefusal {
  try {
    run();
  } catch (error) {
    if (error instanceof PaymentBodyRefusal) return error;
    throw error;
  }
  throw new Error('no refusal');
}

describe("a body's accounts in the bank's forms", () => {
  it("Handelsbanken's domestic form: debtor by account number, creditor with clearing number", () => {
    const body = berlinGroupPaymentBody({
      service: 'payments',
      product: 'domestic',
      globalProduct: true,
      accountForms: HANDELSBANKEN_FORMS,
      body: {
        debtorAccount: { iban: handelsbanken, currency: 'SEK' },
        instructedAmount: { currency: 'SEK', amount: '10.00' },
        creditorAccount: { iban: SEB },
        creditorName: 'Kaffebaren AB',
      },
    });
    expect(body.debtorAccount).toEqual({ bban: '806967498', currency: 'SEK' });
    expect(body.creditorAccount).toEqual({ bban: '8257466', clearingNumber: '5839' });
    expect(body.instructedAmount).toEqual({ currency: 'SEK', amount: '10.00' });
  });

  it('without forms, and for a bank product, the accounts go as written', () => {
    const body = { debtorAccount: { iban: SEB }, creditorAccount: { iban: handelsbanken } };
    const asWritten = berlinGroupPaymentBody({
      service: 'payments',
      product: 'own-product',
      globalProduct: false,
      accountForms: HANDELSBANKEN_FORMS,
      body,
    });
    expect(asWritten).toBe(body);
  });

  it('a BBAN with its clearing number goes to an IBAN bank as the IBAN', () => {
    expect(
      accountInForm({ bban: '8257466', clearingNumber: '5839' }, 'iban', 'creditorAccount'),
    ).toEqual({ iban: SEB });
  });

  it("a TPP's own bban and clearing number pass to a bank that takes them", () => {
    const reference = { bban: '806967498', clearingNumber: '6000' };
    expect(accountInForm(reference, 'bban-clearing', 'creditorAccount')).toBe(reference);
    expect(accountInForm(reference, 'bban', 'debtorAccount')).toEqual({ bban: '806967498' });
  });

  it('giro numbers pass as they are', () => {
    const giro = { plusgiroNumber: '1234567-8' };
    expect(accountInForm(giro, 'bban', 'debtorAccount')).toBe(giro);
  });

  it('every bulk item gets the creditor form, and a refusal names the item', () => {
    const body = withAccountForms(
      { debtorAccount: { iban: handelsbanken }, payments: [{ creditorAccount: { iban: SEB } }] },
      HANDELSBANKEN_FORMS,
    );
    expect(body.payments).toEqual([
      { creditorAccount: { bban: '8257466', clearingNumber: '5839' } },
    ]);
    const error = refusal(() =>
      withAccountForms(
        {
          debtorAccount: { iban: handelsbanken },
          payments: [
            { creditorAccount: { iban: SEB } },
            { creditorAccount: { iban: handelsbanken } },
          ],
        },
        HANDELSBANKEN_FORMS,
      ),
    );
    expect(error.path).toBe('payments[1].creditorAccount.iban');
  });

  it.each([
    [
      'a Handelsbanken IBAN as creditor: the IBAN carries no clearing number',
      { creditorAccount: { iban: handelsbanken } },
      'creditorAccount.iban',
      /Handelsbanken IBANs do not carry the clearing number: send \{"bban", "clearingNumber"\}/,
    ],
    [
      'a Finnish IBAN where only Swedish account numbers are taken',
      { creditorAccount: { iban: 'FI2112345600000785' } },
      'creditorAccount.iban',
      /FI IBANs cannot be sent to it/,
    ],
    [
      'a bban without clearing number where the bank needs one',
      { creditorAccount: { bban: '8257466' } },
      'creditorAccount.clearingNumber',
      /is required beside the bban/,
    ],
    [
      'an IBAN whose bank code holds no clearing number of that bank',
      { debtorAccount: { iban: 'SE0050000000030101234567' } },
      'debtorAccount.iban',
      /does not hold a clearing number/,
    ],
  ])('refuses %s, naming the field', (_what, body, path, text) => {
    const error = refusal(() => withAccountForms(body, HANDELSBANKEN_FORMS));
    expect(error.path).toBe(path);
    expect(error.message).toMatch(text);
    expect(error.message.startsWith(`${path}: `)).toBe(true);
  });

  it('refuses a clearing number no Swedish bank uses, also where the bank takes bban and clearing number', () => {
    const error = refusal(() =>
      accountInForm(
        { bban: '1234567', clearingNumber: '1001' },
        'bban-clearing',
        'creditorAccount',
      ),
    );
    expect(error.path).toBe('creditorAccount.clearingNumber');
    const long = refusal(() =>
      accountInForm(
        { bban: '12345678', clearingNumber: '5439' },
        'bban-clearing',
        'creditorAccount',
      ),
    );
    expect(long.path).toBe('creditorAccount.bban');
  });

  it('refuses a bban without clearing number for an IBAN bank, and an unknown clearing number', () => {
    expect(refusal(() => accountInForm({ bban: '1234567' }, 'iban', 'creditorAccount')).path).toBe(
      'creditorAccount.clearingNumber',
    );
    const unknown = refusal(() =>
      accountInForm({ bban: '1234567', clearingNumber: '1001' }, 'iban', 'creditorAccount'),
    );
    expect(unknown.path).toBe('creditorAccount.clearingNumber');
    expect(unknown.message).toMatch(/no Swedish bank uses clearing number 1001/);
  });
});
