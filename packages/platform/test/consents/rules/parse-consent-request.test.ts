import { describe, expect, it } from 'vitest';
import {
  type ConsentBankSettings,
  parseConsentRequest,
} from '../../../src/consents/rules/parse-consent-request.js';

const TODAY = '2026-11-21';
const A = 'SE3550000000054910000003';
const B = 'SE4550000000058398257466';
const BAD_CHECKSUM = 'SE3550000000054910000004';

const bank: ConsentBankSettings = {
  maxValidityDays: 90,
  maxFrequencyPerDay: 4,
  bankOffered: true,
  allPsd2: true,
  availableAccounts: true,
};

/** The consent request of the integration guide, with a validUntil that is not in the past. */
const guide = () => ({
  access: {},
  combinedServiceIndicator: false,
  frequencyPerDay: 1,
  recurringIndicator: false,
  validUntil: '2026-12-23',
});

const dedicated = (overrides: Record<string, unknown> = {}) => ({
  access: {
    accounts: [{ iban: A }, { iban: B }],
    balances: [{ iban: A }],
    transactions: [{ iban: A }],
  },
  recurringIndicator: true,
  validUntil: '2027-01-31',
  frequencyPerDay: 4,
  combinedServiceIndicator: false,
  ...overrides,
});

function refusal(body: unknown, settings: ConsentBankSettings = bank, today = TODAY) {
  const result = parseConsentRequest(body, settings, today);
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.error;
}

function accepted(body: unknown, settings: ConsentBankSettings = bank, today = TODAY) {
  const result = parseConsentRequest(body, settings, today);
  if (!result.ok) throw new Error(`expected success, got ${result.error.text}`);
  return result;
}

describe('a consent request that is right', () => {
  it("is the integration guide's request, unchanged", () => {
    expect(accepted(guide())).toEqual({ ok: true, value: guide(), adjustments: [] });
  });

  it('keeps dedicated accounts as sent (normalised)', () => {
    const result = accepted(dedicated());
    expect(result.value).toEqual(dedicated());
    expect(result.adjustments).toEqual([]);
  });

  it('ignores unknown fields and a client-supplied status, id or lastActionDate', () => {
    const body = {
      ...dedicated(),
      consentStatus: 'valid',
      consentId: 'mine',
      lastActionDate: '2020-01-01',
      _links: {},
      extra: { deep: true },
    };
    const { value } = accepted(body);
    expect(value).toEqual(dedicated());
    expect(Object.keys(value).sort()).toEqual([
      'access',
      'combinedServiceIndicator',
      'frequencyPerDay',
      'recurringIndicator',
      'validUntil',
    ]);
  });

  it('accepts each consent form the bank offers', () => {
    expect(accepted(dedicated({ access: { allPsd2: 'allAccounts' } })).value.access).toEqual({
      allPsd2: 'allAccounts',
    });
    expect(
      accepted(dedicated({ access: { availableAccounts: 'allAccounts' } })).value.access,
    ).toEqual({
      availableAccounts: 'allAccounts',
    });
    expect(
      accepted(dedicated({ access: { availableAccounts: 'allAccountsWithBalances' } })).value
        .access,
    ).toEqual({
      availableAccounts: 'allAccountsWithBalances',
    });
    // Bank-offered: {} or only empty lists, as in the contract's example.
    expect(
      accepted(dedicated({ access: { balances: [], transactions: [] } })).value.access,
    ).toEqual({
      balances: [],
      transactions: [],
    });
    expect(accepted(dedicated({ access: { accounts: [] } })).value.access).toEqual({
      accounts: [],
    });
  });

  it("reads Berlin Group's availableAccountsWithBalance in this contract's form", () => {
    expect(
      accepted(dedicated({ access: { availableAccountsWithBalance: 'allAccounts' } })).value.access,
    ).toEqual({
      availableAccounts: 'allAccountsWithBalances',
    });
  });

  it('takes accounts only, or accounts with a currency', () => {
    expect(accepted(dedicated({ access: { accounts: [{ iban: A }] } })).value.access).toEqual({
      accounts: [{ iban: A }],
    });
    const withCurrency = {
      accounts: [{ iban: A }, { iban: B, currency: 'EUR' }],
      balances: [
        { iban: A, currency: 'USD' },
        { iban: B, currency: 'EUR' },
      ],
    };
    expect(accepted(dedicated({ access: withCurrency })).value.access).toEqual(withCurrency);
    expect(
      accepted(
        dedicated({ access: { accounts: [{ bban: '12345' }], transactions: [{ bban: '12345' }] } }),
      ).ok,
    ).toBe(true);
  });

  it('accepts combinedServiceIndicator true', () => {
    expect(
      accepted(dedicated({ combinedServiceIndicator: true })).value.combinedServiceIndicator,
    ).toBe(true);
  });
});

describe('a consent request with a format error', () => {
  it.each([
    ['null', null, 'body'],
    ['an array', [], 'body'],
    ['a string', '{"access":{}}', 'body'],
    ['a number', 42, 'body'],
    ['undefined', undefined, 'body'],
  ])('refuses a body that is %s', (_name, body, path) => {
    expect(refusal(body)).toMatchObject({
      kind: 'invalidField',
      code: 'FORMAT_ERROR',
      status: 400,
      path,
    });
  });

  it.each([
    'access',
    'recurringIndicator',
    'validUntil',
    'frequencyPerDay',
    'combinedServiceIndicator',
  ])('requires %s, as the contract does', (field) => {
    const body: Record<string, unknown> = dedicated();
    delete body[field];
    expect(refusal(body)).toEqual({
      kind: 'invalidField',
      code: 'FORMAT_ERROR',
      status: 400,
      path: field,
      text: `${field}: is required`,
    });
  });

  it('names the first missing field in the contract order', () => {
    expect(refusal({})).toMatchObject({ path: 'access' });
    expect(refusal({ access: {} })).toMatchObject({ path: 'recurringIndicator' });
  });

  it.each([
    ['access', null],
    ['access', []],
    ['access', 'allAccounts'],
    ['recurringIndicator', 'true'],
    ['recurringIndicator', 1],
    ['recurringIndicator', null],
    ['combinedServiceIndicator', 'false'],
    ['combinedServiceIndicator', 0],
    ['validUntil', 20271231],
    ['validUntil', '2027-02-30'],
    ['validUntil', '31.12.2027'],
    ['validUntil', '2027-12-31T00:00:00Z'],
    ['validUntil', ''],
    ['frequencyPerDay', 0],
    ['frequencyPerDay', -1],
    ['frequencyPerDay', 1.5],
    ['frequencyPerDay', '4'],
    ['frequencyPerDay', null],
    ['frequencyPerDay', true],
  ])('refuses %s = %j', (field, value) => {
    expect(refusal(dedicated({ [field]: value }))).toMatchObject({
      code: 'FORMAT_ERROR',
      status: 400,
      path: field,
    });
  });

  it('says what it got', () => {
    expect(refusal(dedicated({ frequencyPerDay: '4' })).text).toBe(
      'frequencyPerDay: must be an integer of at least 1 (got a string)',
    );
    expect(refusal(dedicated({ frequencyPerDay: 0 })).text).toBe(
      'frequencyPerDay: must be an integer of at least 1 (got a number 0)',
    );
    expect(refusal(dedicated({ recurringIndicator: 'true' })).text).toBe(
      'recurringIndicator: must be true or false (got a string)',
    );
  });

  it('refuses validUntil in the past, and takes today', () => {
    expect(refusal(dedicated({ validUntil: '2026-11-20' }))).toMatchObject({
      code: 'FORMAT_ERROR',
      path: 'validUntil',
      text: 'validUntil: lies in the past (today is 2026-11-21 at the bank)',
    });
    expect(refusal({ ...guide(), validUntil: '2021-04-23' }, bank, '2021-04-24')).toMatchObject({
      path: 'validUntil',
    });
    expect(accepted({ ...guide(), validUntil: '2021-04-23' }, bank, '2021-04-23').ok).toBe(true);
    expect(accepted(dedicated({ validUntil: TODAY })).value.validUntil).toBe(TODAY);
  });

  it.each([
    [{ accounts: {} }, 'access.accounts'],
    [{ balances: 'all' }, 'access.balances'],
    [{ transactions: null }, 'access.transactions'],
    [{ accounts: [{ iban: BAD_CHECKSUM }] }, 'access.accounts[0].iban'],
    [{ accounts: [{ iban: A }, 'x'] }, 'access.accounts[1]'],
    [{ accounts: [{ iban: A }], balances: [{ iban: BAD_CHECKSUM }] }, 'access.balances[0].iban'],
    [{ availableAccounts: 'allAccountsWithOwnerName' }, 'access.availableAccounts'],
    [{ availableAccounts: true }, 'access.availableAccounts'],
    [
      { availableAccountsWithBalance: 'allAccountsWithBalances' },
      'access.availableAccountsWithBalance',
    ],
    [{ allPsd2: 'allAccountsWithOwnerName' }, 'access.allPsd2'],
    [{ allPsd2: true }, 'access.allPsd2'],
  ])('refuses access %j at %s', (access, path) => {
    expect(refusal(dedicated({ access }))).toMatchObject({
      code: 'FORMAT_ERROR',
      status: 400,
      path,
    });
  });

  it('refuses a malformed IBAN naming it', () => {
    expect(refusal(dedicated({ access: { accounts: [{ iban: BAD_CHECKSUM }] } })).text).toBe(
      'access.accounts[0].iban: is not an IBAN: its check digits do not match (mod 97)',
    );
  });

  it('refuses card and phone references as not supported', () => {
    expect(
      refusal(dedicated({ access: { accounts: [{ maskedPan: '123456xxxxxx1234' }] } })),
    ).toMatchObject({
      code: 'PARAMETER_NOT_SUPPORTED',
      status: 400,
      path: 'access.accounts[0].maskedPan',
    });
  });

  it('refuses balances or transactions outside accounts', () => {
    expect(
      refusal(dedicated({ access: { accounts: [{ iban: A }], balances: [{ iban: B }] } })),
    ).toMatchObject({
      code: 'FORMAT_ERROR',
      path: 'access.balances[0]',
    });
    expect(
      refusal(
        dedicated({
          access: { accounts: [{ iban: A }], transactions: [{ iban: A }, { iban: B }] },
        }),
      ),
    ).toMatchObject({ code: 'FORMAT_ERROR', path: 'access.transactions[1]' });
    // Without accounts, nothing is within accounts (the contract's own example is refused).
    expect(refusal(dedicated({ access: { balances: [{ iban: A }] } }))).toMatchObject({
      path: 'access.balances[0]',
    });
    // A currency-wide account is not within one currency of it.
    expect(
      refusal(
        dedicated({
          access: { accounts: [{ iban: A, currency: 'SEK' }], balances: [{ iban: A }] },
        }),
      ),
    ).toMatchObject({ path: 'access.balances[0]' });
    expect(
      refusal(
        dedicated({
          access: {
            accounts: [{ iban: A, currency: 'SEK' }],
            balances: [{ iban: A, currency: 'EUR' }],
          },
        }),
      ),
    ).toMatchObject({ path: 'access.balances[0]' });
  });

  it('refuses two consent forms at once', () => {
    const mixes = [
      { accounts: [{ iban: A }], allPsd2: 'allAccounts' },
      { accounts: [{ iban: A }], availableAccounts: 'allAccounts' },
      { allPsd2: 'allAccounts', availableAccounts: 'allAccounts' },
      { availableAccounts: 'allAccounts', availableAccountsWithBalance: 'allAccounts' },
    ];
    for (const access of mixes) {
      expect(refusal(dedicated({ access }))).toMatchObject({
        code: 'FORMAT_ERROR',
        path: 'access',
      });
    }
  });

  it('refuses an empty list next to named accounts', () => {
    expect(refusal(dedicated({ access: { accounts: [{ iban: A }], balances: [] } }))).toMatchObject(
      {
        code: 'FORMAT_ERROR',
        path: 'access.balances',
      },
    );
    expect(
      refusal(dedicated({ access: { accounts: [], transactions: [{ iban: A }] } })),
    ).toMatchObject({
      code: 'FORMAT_ERROR',
      path: 'access.accounts',
    });
  });

  it('checks the format before what the bank offers', () => {
    const noAllPsd2 = { ...bank, allPsd2: false };
    expect(
      refusal(dedicated({ access: { allPsd2: 'allAccounts' }, validUntil: 'soon' }), noAllPsd2),
    ).toMatchObject({
      code: 'FORMAT_ERROR',
      path: 'validUntil',
    });
  });
});

describe('a field access or an account reference does not have', () => {
  // A typo in access would otherwise be dropped, leaving `{}`: a bank-offered consent that
  // covers whatever the PSU picks, far more than the TPP asked for.
  it('refuses a misspelt list in access naming it and the fields access has', () => {
    expect(refusal(dedicated({ access: { acounts: [{ iban: A }] } }))).toEqual({
      kind: 'invalidField',
      code: 'FORMAT_ERROR',
      status: 400,
      path: 'access.acounts',
      text: 'access.acounts: is not a field of access; the fields are accounts, balances, transactions, availableAccounts, availableAccountsWithBalance, allPsd2',
    });
  });

  it.each([
    [{ accounts: [{ iban: A }], consentStatus: 'valid' }, 'access.consentStatus'],
    [{ accounts: [{ iban: A }], balance: [{ iban: A }] }, 'access.balance'],
    [{ allPsd2s: 'allAccounts' }, 'access.allPsd2s'],
    [{ Accounts: [] }, 'access.Accounts'],
    [{ accounts: [{ iban: A }], '': 1 }, 'access[""]'],
    [{ accounts: [{ iban: A }], 'a b': 1 }, 'access["a b"]'],
  ])('refuses access %j at %s', (access, path) => {
    expect(refusal(dedicated({ access }))).toMatchObject({ code: 'FORMAT_ERROR', path });
  });

  it('refuses __proto__ in access as a field like any other, without reading it', () => {
    const access = JSON.parse('{"__proto__":{"allPsd2":"allAccounts"}}');
    expect(refusal(dedicated({ access }))).toMatchObject({
      code: 'FORMAT_ERROR',
      path: 'access.__proto__',
    });
  });

  it('shortens a long unknown name in the answer', () => {
    const error = refusal(dedicated({ access: { ['x'.repeat(10_000)]: [] } }));
    expect(error.code).toBe('FORMAT_ERROR');
    expect(error.text.length).toBeLessThan(300);
  });

  it("refuses Berlin Group's later access fields as not supported", () => {
    for (const field of ['additionalInformation', 'restrictedTo']) {
      expect(
        refusal(dedicated({ access: { accounts: [{ iban: A }], [field]: {} } })),
      ).toMatchObject({ code: 'PARAMETER_NOT_SUPPORTED', status: 400, path: `access.${field}` });
    }
  });

  it('refuses a misspelt currency in an account reference, which would widen it to every currency', () => {
    expect(refusal(dedicated({ access: { accounts: [{ iban: A, currncy: 'SEK' }] } }))).toEqual({
      kind: 'invalidField',
      code: 'FORMAT_ERROR',
      status: 400,
      path: 'access.accounts[0].currncy',
      text: 'access.accounts[0].currncy: is not a field of an account reference; the fields are iban, bban, currency',
    });
    expect(
      refusal(
        dedicated({
          access: { accounts: [{ iban: A }], balances: [{ iban: A, Currency: 'SEK' }] },
        }),
      ),
    ).toMatchObject({ code: 'FORMAT_ERROR', path: 'access.balances[0].Currency' });
  });

  it('still refuses card and phone references as not supported, before unknown fields', () => {
    expect(
      refusal(dedicated({ access: { accounts: [{ iban: A, msisdn: '+46700000000', x: 1 }] } })),
    ).toMatchObject({ code: 'PARAMETER_NOT_SUPPORTED', path: 'access.accounts[0].msisdn' });
  });
});

describe('a consent form the bank does not offer', () => {
  it('refuses allPsd2 with SERVICE_INVALID', () => {
    expect(
      refusal(dedicated({ access: { allPsd2: 'allAccounts' } }), { ...bank, allPsd2: false }),
    ).toMatchObject({
      kind: 'serviceNotOffered',
      code: 'SERVICE_INVALID',
      status: 400,
      path: 'access.allPsd2',
    });
  });

  it('refuses availableAccounts (either value) with SERVICE_INVALID', () => {
    const settings = { ...bank, availableAccounts: false };
    for (const access of [
      { availableAccounts: 'allAccounts' },
      { availableAccounts: 'allAccountsWithBalances' },
      { availableAccountsWithBalance: 'allAccounts' },
    ]) {
      expect(refusal(dedicated({ access }), settings)).toMatchObject({
        code: 'SERVICE_INVALID',
        status: 400,
        path: 'access.availableAccounts',
      });
    }
  });

  it('refuses an empty access (bank-offered) with SERVICE_INVALID', () => {
    const settings = { ...bank, bankOffered: false };
    expect(refusal(guide(), settings)).toMatchObject({
      code: 'SERVICE_INVALID',
      status: 400,
      path: 'access',
    });
    expect(
      refusal(dedicated({ access: { balances: [], transactions: [] } }), settings),
    ).toMatchObject({
      code: 'SERVICE_INVALID',
    });
    expect(accepted(dedicated(), settings).ok).toBe(true);
  });
});

describe('validUntil later than the bank allows', () => {
  it('is kept at exactly the maximum', () => {
    expect(accepted(dedicated({ validUntil: '2027-02-19' }))).toMatchObject({
      value: { validUntil: '2027-02-19' },
      adjustments: [],
    });
  });

  it('is capped one day later, and the adjustment recorded', () => {
    expect(accepted(dedicated({ validUntil: '2027-02-20' }))).toMatchObject({
      value: { validUntil: '2027-02-19' },
      adjustments: [
        {
          field: 'validUntil',
          requested: '2027-02-20',
          applied: '2027-02-19',
          reason: 'this bank allows consents of at most 90 days',
        },
      ],
    });
  });

  it('is capped from 9999-12-31, the "as long as possible" of Berlin Group', () => {
    expect(accepted(dedicated({ validUntil: '9999-12-31' })).value.validUntil).toBe('2027-02-19');
  });

  it('counts leap days', () => {
    const settings = { ...bank, maxValidityDays: 365 };
    // 2024 is a leap year: 365 days after 2024-01-01 is 2024-12-31.
    expect(
      accepted(dedicated({ validUntil: '9999-12-31' }), settings, '2024-01-01').value.validUntil,
    ).toBe('2024-12-31');
    expect(
      accepted(dedicated({ validUntil: '9999-12-31' }), settings, '2023-01-01').value.validUntil,
    ).toBe('2024-01-01');
    expect(
      accepted(dedicated({ validUntil: '2024-02-29' }), bank, '2024-02-01').value.validUntil,
    ).toBe('2024-02-29');
    expect(refusal(dedicated({ validUntil: '2023-02-29' }), bank, '2023-02-01')).toMatchObject({
      path: 'validUntil',
    });
    expect(
      accepted(
        dedicated({ validUntil: '9999-12-31' }),
        { ...bank, maxValidityDays: 30 },
        '2024-02-15',
      ).value.validUntil,
    ).toBe('2024-03-16');
  });
});

describe('frequencyPerDay', () => {
  it.each([
    [1, 1, false],
    [3, 3, false],
    [4, 4, false],
    [5, 4, true],
    [1_000_000, 4, true],
  ])('recurring: %i becomes %i', (requested, applied, adjusted) => {
    const result = accepted(dedicated({ frequencyPerDay: requested }));
    expect(result.value.frequencyPerDay).toBe(applied);
    expect(result.adjustments).toEqual(
      adjusted
        ? [
            {
              field: 'frequencyPerDay',
              requested,
              applied,
              reason: 'this bank allows at most 4 unattended reads per day',
            },
          ]
        : [],
    );
  });

  it('is 1 for a one-off consent: higher values are capped to 1 and recorded', () => {
    expect(
      accepted(dedicated({ recurringIndicator: false, frequencyPerDay: 1 })).adjustments,
    ).toEqual([]);
    expect(accepted(dedicated({ recurringIndicator: false, frequencyPerDay: 4 }))).toMatchObject({
      value: { frequencyPerDay: 1 },
      adjustments: [
        {
          field: 'frequencyPerDay',
          requested: 4,
          applied: 1,
          reason: 'a one-off consent (recurringIndicator false) allows one read',
        },
      ],
    });
  });

  it('records both adjustments together', () => {
    const result = accepted(dedicated({ validUntil: '9999-12-31', frequencyPerDay: 24 }));
    expect(result.adjustments.map((a) => a.field)).toEqual(['validUntil', 'frequencyPerDay']);
  });
});

it('refuses a today that is not a date (a programming error, not a request error)', () => {
  expect(() => parseConsentRequest(guide(), bank, '2026-11-21T10:00:00Z')).toThrow(RangeError);
});
