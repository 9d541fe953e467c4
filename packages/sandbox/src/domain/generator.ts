// Deterministic generator of a sandbox bank's PSUs, accounts and transaction history.
// Every value is derived from (BIC, PSU, account, calendar day), so restarts show the same
// data and a day's transactions are the same whichever day the history window starts on.
// Ledgers are produced lazily, the first time an account is read on a given day.

import { dateOfEpochDay, dayOfMonth, epochDay, isoDate, weekday } from './dates.js';
import { heavyLedger } from './heavy-ledger.js';
import { makeBban, makeIban } from './iban.js';
import { BANK_CODES, flavourFor, type LocalFlavour } from './local-flavour.js';
import { lowOpeningBalance } from './low-balance.js';
import {
  type Account,
  type AccountKind,
  arrayBooked,
  type Ledger,
  type Psu,
  type Transaction,
} from './model.js';
import { hashString, randomFor, type SeededRandom } from './random.js';
import { swedishAccountField } from './swedish-accounts.js';
import { type PsuProfile, TEST_PSUS } from './test-psus.js';

export interface GeneratorBank {
  bic: string;
  countryCode: string;
  /** How many days of booked history the bank keeps. */
  historyDays: number;
}

/** When the sandbox started: the pendingSettles PSU's purchases book relative to it. */
export interface GeneratorOptions {
  startedAt: Date;
  profiles?: readonly PsuProfile[];
}

/** Minutes after start at which the pendingSettles PSU's purchases become booked. */
export const SETTLE_AFTER_MINUTES = [2, 10, 30, 60] as const;

interface AccountPlan {
  tag: string;
  kind: AccountKind;
  /** Index among accounts of the same kind (the corporate PSU has two current accounts). */
  ordinal: number;
  currency: string;
  iban: string;
}

interface PsuPlan {
  profile: PsuProfile;
  bank: GeneratorBank;
  flavour: LocalFlavour;
  accounts: AccountPlan[];
  salary: number;
  rent: number;
  savingsMonthly: number;
  cardRepayment: number;
  employer: string;
  landlord: string;
}

const PRODUCTS: Record<string, Record<AccountKind, [name: string, product: string]>> = {
  private: {
    current: ['Everyday account', 'Personal current account'],
    savings: ['Savings', 'Savings account'],
    card: ['Credit card', 'Credit card account'],
  },
  corporate: {
    current: ['Operating account', 'Business current account'],
    savings: ['Reserve', 'Business savings account'],
    card: ['Corporate card', 'Corporate card account'],
  },
};

const CASH_ACCOUNT_TYPE = { current: 'CACC', savings: 'SVGS', card: 'CARD' } as const;

function hex(value: number): string {
  return value.toString(16).padStart(8, '0');
}

/** Minor units of a SEK-sized amount between min and max, scaled to the currency. */
function amount(rng: SeededRandom, min: number, max: number, scale: number, cents = true): number {
  const major = min + rng.next() * (max - min);
  const minor = Math.round(major * scale * 100);
  return cents ? minor : Math.round(minor / 100) * 100;
}

/** The pay day of a month: the 25th, or the Friday before when it falls on a weekend. */
function isPayDay(date: string): boolean {
  const day = dayOfMonth(date);
  const wd = weekday(date);
  if (day === 25) return wd !== 0 && wd !== 6;
  if (day === 24 && wd === 5) return true; // 25th is Saturday
  if (day === 23 && wd === 5) return true; // 25th is Sunday
  return false;
}

function planPsu(profile: PsuProfile, bank: GeneratorBank): PsuPlan {
  const flavour = flavourFor(bank.countryCode);
  const rng = randomFor(bank.bic, profile.psuId, 'plan');
  const ordinals: Partial<Record<AccountKind, number>> = {};
  const accounts = profile.accounts.map((kind, index): AccountPlan => {
    const ordinal = ordinals[kind] ?? 0;
    ordinals[kind] = ordinal + 1;
    const tag = hex(hashString(`${bank.bic}/${profile.psuId}/${index}`));
    const bankCode = BANK_CODES[bank.bic] ?? String(hashString(bank.bic)).slice(0, 4);
    const digits = rng.digits(17);
    // Swedish accounts are a clearing number and an account number of the bank's series, so
    // that a Swedish IBAN turns into the clearing number and account number banks ask for.
    const swedish = bank.countryCode === 'SE' ? swedishAccountField(bankCode, digits) : undefined;
    const bban = swedish ? `${bankCode}${swedish}` : makeBban(bank.countryCode, bankCode, digits);
    // A second current account is the corporate's foreign-currency account.
    const currency =
      kind === 'current' && ordinal > 0
        ? flavour.currency === 'EUR'
          ? 'USD'
          : 'EUR'
        : flavour.currency;
    return { tag, kind, ordinal, currency, iban: makeIban(bank.countryCode, bban) };
  });
  const corporate = profile.kind === 'corporate';
  return {
    profile,
    bank,
    flavour,
    accounts,
    salary: amount(rng, 28_000, 52_000, flavour.scale, false),
    rent: amount(rng, 7_500, 14_000, flavour.scale, false),
    savingsMonthly: amount(
      rng,
      corporate ? 40_000 : 6_000,
      corporate ? 80_000 : 15_000,
      flavour.scale,
      false,
    ),
    cardRepayment: amount(
      rng,
      corporate ? 8_000 : 3_000,
      corporate ? 14_000 : 7_000,
      flavour.scale,
      false,
    ),
    employer: rng.pick(flavour.employers),
    landlord: rng.pick(flavour.landlords),
  };
}

function counterpartyIban(countryCode: string, name: string): string {
  const rng = randomFor('counterparty', name);
  return makeIban(countryCode, makeBban(countryCode, rng.digits(4), rng.digits(14)));
}

class DayWriter {
  private seq = 0;
  readonly items: Transaction[] = [];

  constructor(
    private readonly plan: PsuPlan,
    private readonly account: AccountPlan,
    readonly date: string,
    private readonly day: number,
  ) {}

  private yymmdd(): string {
    return this.date.slice(2).replaceAll('-', '');
  }

  add(
    minor: number,
    code: string,
    text: string,
    counterparty?: { name: string; iban?: string },
  ): void {
    const seq = this.seq++;
    const outgoing = minor < 0;
    const t: Transaction = {
      transactionId: `${this.account.tag}-${this.day}-${seq}`,
      entryReference: String(this.day * 1000 + seq),
      status: 'booked',
      bookingDate: this.date,
      valueDate: this.date,
      transactionDate: this.date,
      amount: minor,
      currency: this.account.currency,
      remittanceInformationUnstructured: text,
      bankTransactionCode: code,
    };
    if (counterparty) {
      const ref = counterparty.iban ? { iban: counterparty.iban } : undefined;
      if (outgoing) {
        t.creditorName = counterparty.name;
        if (ref) t.creditorAccount = ref;
      } else {
        t.debtorName = counterparty.name;
        if (ref) t.debtorAccount = ref;
      }
    }
    this.items.push(t);
  }

  card(minor: number, merchant: string): void {
    this.add(
      -minor,
      'PMNT-CCRD-POSD',
      `${this.plan.flavour.words.card} ${this.yymmdd()} ${merchant.toUpperCase()}`,
      {
        name: merchant,
      },
    );
  }
}

function sibling(plan: PsuPlan, kind: AccountKind): AccountPlan | undefined {
  return plan.accounts.find((a) => a.kind === kind && a.ordinal === 0);
}

/** The booked transactions of one account on one day. */
function transactionsOfDay(plan: PsuPlan, account: AccountPlan, day: number): Transaction[] {
  const date = dateOfEpochDay(day);
  const w = new DayWriter(plan, account, date, day);
  const rng = randomFor(account.tag, day);
  const { flavour } = plan;
  const words = flavour.words;
  const scale = account.currency === flavour.currency ? flavour.scale : 0.1;
  const dom = dayOfMonth(date);
  const wd = weekday(date);
  const businessDay = wd !== 0 && wd !== 6;
  const month = date.slice(0, 7);
  const corporate = plan.profile.kind === 'corporate';
  const savings = sibling(plan, 'savings');
  const card = sibling(plan, 'card');
  const current = sibling(plan, 'current');
  const bankName = plan.bank.bic;

  if (account.kind === 'current' && account.ordinal === 0) {
    if (dom === 1)
      w.add(
        -Math.round((corporate ? 150 : 25) * scale * 100),
        'ACMT-MCOP-CHRG',
        `${words.fee} ${month}`,
        { name: bankName },
      );
    if (corporate) {
      if (businessDay) {
        const incoming = rng.int(0, 3);
        for (let i = 0; i < incoming; i++) {
          const customer = rng.pick(flavour.customers);
          w.add(
            amount(rng, 8_000, 50_000, scale),
            'PMNT-RCDT-ESCT',
            `${words.invoice} ${rng.digits(6)}`,
            {
              name: customer,
              iban: counterpartyIban(plan.bank.countryCode, customer),
            },
          );
        }
        if (rng.chance(0.8)) {
          const supplier = rng.pick(flavour.suppliers);
          w.add(
            -amount(rng, 5_000, 60_000, scale),
            'PMNT-ICDT-ESCT',
            `${words.invoice} ${rng.digits(8)}`,
            {
              name: supplier,
              iban: counterpartyIban(plan.bank.countryCode, supplier),
            },
          );
        }
      }
      if (isPayDay(date))
        w.add(
          -amount(rng, 140_000, 190_000, scale),
          'PMNT-ICDT-ESCT',
          `${words.payroll} ${month}`,
          { name: `${plan.profile.name} personal` },
        );
      if (dom === 12)
        w.add(-amount(rng, 30_000, 60_000, scale), 'PMNT-ICDT-ESCT', `${words.tax} ${month}`, {
          name: flavour.taxAuthority,
          iban: counterpartyIban(plan.bank.countryCode, flavour.taxAuthority),
        });
      if (dom === 28)
        w.add(-plan.rent * 3, 'PMNT-ICDT-ESCT', `${words.rent} ${month}`, {
          name: plan.landlord,
          iban: counterpartyIban(plan.bank.countryCode, plan.landlord),
        });
    } else {
      if (isPayDay(date))
        w.add(plan.salary, 'PMNT-RCDT-ESCT', `${words.salary} ${plan.employer.toUpperCase()}`, {
          name: plan.employer,
          iban: counterpartyIban(plan.bank.countryCode, plan.employer),
        });
      if (dom === 28)
        w.add(-plan.rent, 'PMNT-ICDT-ESCT', `${words.rent} ${month}`, {
          name: plan.landlord,
          iban: counterpartyIban(plan.bank.countryCode, plan.landlord),
        });
      if (rng.chance(0.5)) w.card(amount(rng, 150, 1_200, scale), rng.pick(flavour.groceries));
      if (rng.chance(0.35)) w.card(amount(rng, 29, 600, scale), rng.pick(flavour.shops));
      if (rng.chance(0.06)) {
        const friend = rng.pick(flavour.friends);
        const sign = rng.chance(0.5) ? 1 : -1;
        w.add(
          sign * amount(rng, 100, 800, scale, false),
          sign > 0 ? 'PMNT-RCDT-DMCT' : 'PMNT-ICDT-DMCT',
          `${words.transfer} ${friend.toUpperCase()}`,
          { name: friend },
        );
      }
    }
    if (dom === 26 && savings)
      w.add(-plan.savingsMonthly, 'PMNT-ICDT-BOOK', `${words.transfer} ${savings.iban}`, {
        name: plan.profile.name,
        iban: savings.iban,
      });
    if (dom === 27 && card)
      w.add(-plan.cardRepayment, 'PMNT-ICDT-BOOK', `${words.cardRepayment} ${month}`, {
        name: plan.profile.name,
        iban: card.iban,
      });
  } else if (account.kind === 'current') {
    // Foreign-currency operating account of the corporate PSU.
    if (businessDay && rng.chance(0.25)) {
      const customer = rng.pick(flavour.customers);
      w.add(
        amount(rng, 10_000, 90_000, scale),
        'PMNT-RCDT-XBCT',
        `${words.invoice} ${rng.digits(6)}`,
        { name: customer, iban: counterpartyIban('DE', customer) },
      );
    }
    if (businessDay && rng.chance(0.15)) {
      const supplier = rng.pick(flavour.suppliers);
      w.add(
        -amount(rng, 5_000, 50_000, scale),
        'PMNT-ICDT-XBCT',
        `${words.invoice} ${rng.digits(8)}`,
        { name: supplier, iban: counterpartyIban('DE', supplier) },
      );
    }
  } else if (account.kind === 'savings') {
    if (dom === 26 && current)
      w.add(plan.savingsMonthly, 'PMNT-RCDT-BOOK', `${words.transfer} ${current.iban}`, {
        name: plan.profile.name,
        iban: current.iban,
      });
    if (date.endsWith('-12-31'))
      w.add(
        amount(rng, 200, 1_500, scale),
        'ACMT-MCOP-INTR',
        `${words.interest} ${date.slice(0, 4)}`,
        { name: bankName },
      );
  } else {
    if (rng.chance(0.25))
      w.card(amount(rng, 29, corporate ? 2_500 : 900, scale), rng.pick(flavour.shops));
    if (rng.chance(0.1)) w.card(amount(rng, 120, 900, scale), rng.pick(flavour.groceries));
    if (dom === 27 && current)
      w.add(plan.cardRepayment, 'PMNT-RCDT-BOOK', `${words.cardRepayment} ${month}`, {
        name: plan.profile.name,
        iban: current.iban,
      });
  }
  return w.items;
}

function openingBalance(plan: PsuPlan, account: AccountPlan): number {
  const rng = randomFor(account.tag, 'opening');
  const corporate = plan.profile.kind === 'corporate';
  const scale = account.currency === plan.flavour.currency ? plan.flavour.scale : 0.1;
  switch (account.kind) {
    case 'current':
      return amount(rng, corporate ? 250_000 : 5_000, corporate ? 900_000 : 40_000, scale);
    case 'savings':
      return amount(rng, corporate ? 500_000 : 20_000, corporate ? 2_000_000 : 200_000, scale);
    case 'card':
      return -amount(rng, 0, 5_000, scale);
  }
}

function pendingOfDay(plan: PsuPlan, account: AccountPlan, today: string): Transaction[] {
  if (account.kind === 'savings' || plan.profile.kind === 'corporate') return [];
  const day = epochDay(today);
  const rng = randomFor(account.tag, day, 'pending');
  const count = rng.int(0, 2);
  const out: Transaction[] = [];
  for (let i = 0; i < count; i++) {
    const merchant = rng.pick(rng.chance(0.5) ? plan.flavour.groceries : plan.flavour.shops);
    out.push(
      pendingPurchase(
        plan,
        account,
        today,
        `${account.tag}-${day}-p${i}`,
        amount(rng, 39, 700, plan.flavour.scale),
        merchant,
      ),
    );
  }
  return out;
}

function pendingPurchase(
  plan: PsuPlan,
  account: AccountPlan,
  date: string,
  id: string,
  minor: number,
  merchant: string,
): Transaction {
  return {
    transactionId: id,
    entryReference: id,
    status: 'pending',
    valueDate: date,
    transactionDate: date,
    amount: -minor,
    currency: account.currency,
    creditorName: merchant,
    remittanceInformationUnstructured: `${plan.flavour.words.card} ${date.slice(2).replaceAll('-', '')} ${merchant.toUpperCase()}`,
    bankTransactionCode: 'PMNT-CCRD-POSD',
  };
}

function baseLedger(plan: PsuPlan, account: AccountPlan, today: string): Ledger {
  const lastDay = epochDay(today) - 1;
  const firstDay = lastDay - plan.bank.historyDays + 1;
  const booked: Transaction[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    for (const t of transactionsOfDay(plan, account, day)) booked.push(t);
  }
  const pending =
    plan.profile.scenario === 'pendingSettles' ? [] : pendingOfDay(plan, account, today);
  return {
    openingDate: dateOfEpochDay(firstDay - 1),
    openingBalance:
      plan.profile.scenario === 'lowBalance' && account.kind === 'current'
        ? lowOpeningBalance(booked, pending)
        : openingBalance(plan, account),
    booked: arrayBooked(booked),
    pending,
  };
}

/** How many of the pendingSettles PSU's purchases are booked at `now`. */
function settledBy(startedAt: Date, now: Date): number {
  return SETTLE_AFTER_MINUTES.filter(
    (minutes) => startedAt.getTime() + minutes * 60_000 <= now.getTime(),
  ).length;
}

/** The pendingSettles PSU: purchases made at start, the first `settled` of them booked. */
function settlingLedger(
  plan: PsuPlan,
  account: AccountPlan,
  base: Ledger,
  startedAt: Date,
  settled: number,
): Ledger {
  const rng = randomFor(account.tag, 'settling');
  const startDate = isoDate(startedAt);
  const booked: Transaction[] = [];
  const pending: Transaction[] = [];
  SETTLE_AFTER_MINUTES.forEach((minutes, i) => {
    const merchant = rng.pick(i % 2 === 0 ? plan.flavour.groceries : plan.flavour.shops);
    const purchase = pendingPurchase(
      plan,
      account,
      startDate,
      `${account.tag}-settle-${i}`,
      amount(rng, 49, 650, plan.flavour.scale),
      merchant,
    );
    if (i >= settled) {
      pending.push(purchase);
      return;
    }
    const bookAt = new Date(startedAt.getTime() + minutes * 60_000);
    const bookingDate = isoDate(bookAt);
    booked.push({
      ...purchase,
      status: 'booked',
      bookingDate,
      entryReference: String(epochDay(bookingDate) * 1000 + 900 + i),
    });
  });
  if (booked.length === 0) return { ...base, pending };
  const all: Transaction[] = [];
  for (let i = 0; i < base.booked.count; i++) all.push(base.booked.at(i));
  all.push(...booked);
  all.sort(
    (a, b) =>
      (a.bookingDate ?? '').localeCompare(b.bookingDate ?? '') ||
      Number(a.entryReference) - Number(b.entryReference),
  );
  return { ...base, booked: arrayBooked(all), pending };
}

function makeAccount(plan: PsuPlan, account: AccountPlan, options: GeneratorOptions): Account {
  const corporate = plan.profile.kind === 'corporate';
  const [name, product] = (corporate ? PRODUCTS.corporate : PRODUCTS.private)?.[account.kind] ?? [
    'Account',
    'Account',
  ];
  let cached: { today: string; ledger: Ledger } | undefined;
  const baseFor = (today: string): Ledger => {
    if (cached?.today !== today) {
      cached = {
        today,
        ledger:
          plan.profile.scenario === 'heavy'
            ? heavyLedger({
                tag: account.tag,
                currency: account.currency,
                flavour: plan.flavour,
                today,
                historyDays: plan.bank.historyDays,
              })
            : baseLedger(plan, account, today),
      };
    }
    return cached.ledger;
  };
  let settling: { base: Ledger; settled: number; ledger: Ledger } | undefined;
  return {
    resourceId: `${account.tag}${hex(hashString(account.iban))}`,
    bic: plan.bank.bic,
    iban: account.iban,
    bban: account.iban.slice(4),
    currency: account.currency,
    name: account.ordinal > 0 ? `${name} ${account.currency}` : name,
    product,
    cashAccountType: CASH_ACCOUNT_TYPE[account.kind],
    kind: account.kind,
    usage: corporate ? 'ORGA' : 'PRIV',
    ownerName: plan.profile.name,
    psuId: plan.profile.psuId,
    ledger(now) {
      const base = baseFor(isoDate(now));
      if (plan.profile.scenario !== 'pendingSettles') return base;
      // Built again only when a purchase books or the day turns, not on every read.
      const settled = settledBy(options.startedAt, now);
      if (settling?.base !== base || settling.settled !== settled) {
        settling = {
          base,
          settled,
          ledger: settlingLedger(plan, account, base, options.startedAt, settled),
        };
      }
      return settling.ledger;
    },
  };
}

/** The generated PSUs of one sandbox bank. Accounts are cheap; ledgers are built on demand. */
export function generatePsus(bank: GeneratorBank, options: GeneratorOptions): Psu[] {
  return (options.profiles ?? TEST_PSUS).map((profile) => {
    const plan = planPsu(profile, bank);
    const psu: Psu = {
      psuId: profile.psuId,
      name: profile.name,
      kind: profile.kind,
      description: profile.description,
      accounts: plan.accounts.map((account) => makeAccount(plan, account, options)),
    };
    if (profile.scenario) psu.scenario = profile.scenario;
    return psu;
  });
}
