// The execution engine of the sandbox banks, on the injected clock: after the last SCA a
// payment is checked for funds and booked according to its product and dates. Every debit
// and credit goes through the ledger overlay under a unique key per (payment, occurrence,
// item), so running the engine twice, or from two triggers at once, never posts twice.

import { shiftToBusinessDay } from './business-days.js';
import { addDays, isoDate } from './dates.js';
import type { LedgerOverlay, PostingInput } from './ledger-overlay.js';
import type { Account, Psu } from './model.js';
import { executionSpeed } from './payment-products.js';
import { occurrenceDate } from './payment-schedule.js';
import { isFinal, type Payment, type PaymentItem, totalAmount } from './payments.js';

export const DEFAULT_CLEARING_DELAY_SECONDS = 30;
/**
 * A payment not authorised within this time is RJCT, and its SCA can no longer be approved.
 * The same as Bankbridge's default payment authorisation timeout, so that a payment Bankbridge
 * gave up on cannot be signed here afterwards at a bank where Bankbridge cannot cancel it.
 */
export const DEFAULT_PAYMENT_AUTHORISATION_SECONDS = 1800;
/** The long-pending scenario keeps a payment PDNG this long before it executes. */
export const LONG_PENDING_MINUTES = 10;
/** A periodic series catches up at most this many occurrences per run. */
const MAX_OCCURRENCES_PER_RUN = 400;

/** An account of any sandbox bank, with what the engine needs to post on it. */
export interface LocatedAccount {
  account: Account;
  owner: Psu;
  overlay: LedgerOverlay;
  countryCode: string;
}

export interface EngineSettings {
  clearingDelaySeconds: number;
  /** How long a payment may wait for its (last) SCA before it is rejected. */
  authorisationSeconds: number;
  /** Finds an account by IBAN at any sandbox bank. */
  locate(iban: string): LocatedAccount | undefined;
}

/** Payments waiting for funds are rejected at this UTC hour (the bank's cut-off). */
export const FUNDS_CUT_OFF_HOUR = 14;

/** The cut-off of the business day the payment was authorised on (the next one after 14:00). */
export function fundsDeadline(payment: Payment, countryCode: string): Date {
  const authorised = payment.authorisedAt ?? payment.createdAt;
  let day = shiftToBusinessDay(isoDate(authorised), countryCode);
  const cutOff = (date: string) =>
    new Date(`${date}T${String(FUNDS_CUT_OFF_HOUR).padStart(2, '0')}:00:00Z`);
  if (authorised >= cutOff(day)) day = shiftToBusinessDay(addDays(day, 1), countryCode);
  return cutOff(day);
}

export function interimAvailable(account: Account, now: Date): number {
  const ledger = account.ledger(now);
  const pending = ledger.pending.reduce((sum, t) => sum + t.amount, 0);
  return ledger.openingBalance + ledger.booked.sum() + pending;
}

function endToEndId(payment: Payment, occurrence: number, index: number | 'batch'): string {
  return `E2E-${payment.paymentId.replaceAll('-', '').slice(0, 20)}-${occurrence}-${index}`;
}

function creditorIban(item: PaymentItem): string | undefined {
  return item.creditorAccount.iban;
}

function bankTransactionCode(payment: Payment, credit: boolean): string {
  const family = credit ? 'RCDT' : 'ICDT';
  if (executionSpeed(payment.product) === 'ownAccount') return `PMNT-${family}-BOOK`;
  return `PMNT-${family}-${payment.product.includes('sepa') ? 'ESCT' : 'DMCT'}`;
}

export class PaymentEngine {
  constructor(private readonly settings: EngineSettings) {}

  private debit(
    payment: Payment,
    debtor: LocatedAccount,
    occurrence: number,
    index: number | 'batch',
  ): PostingInput {
    const items = index === 'batch' ? payment.items : [payment.items[index] as PaymentItem];
    const first = items[0] as PaymentItem;
    const input: PostingInput = {
      key: `${payment.paymentId}/${occurrence}/${index}/debit`,
      iban: debtor.account.iban,
      amount: -items.reduce((sum, i) => sum + i.amount, 0),
      currency: first.currency,
      remittance:
        index === 'batch'
          ? `Batch of ${items.length} payments`
          : (first.remittance ?? first.creditorName),
      endToEndId: first.endToEndId ?? endToEndId(payment, occurrence, index),
      bankTransactionCode: bankTransactionCode(payment, false),
    };
    if (index !== 'batch') {
      input.creditorName = first.creditorName;
      // A giro payee has no account to show.
      const account = first.creditorAccount.iban ?? first.creditorAccount.bban;
      if (account) input.creditorAccount = { iban: account };
    } else {
      input.creditorName = `${items.length} payees`;
    }
    return input;
  }

  /** Credits a creditor that is a sandbox account; true when it did (ACCC). */
  private credit(
    payment: Payment,
    debtor: LocatedAccount,
    occurrence: number,
    index: number,
    date: string,
  ): boolean {
    const item = payment.items[index] as PaymentItem;
    const iban = creditorIban(item);
    const creditor = iban ? this.settings.locate(iban) : undefined;
    if (!creditor) return false;
    creditor.overlay.book(
      {
        key: `${payment.paymentId}/${occurrence}/${index}/credit`,
        iban: creditor.account.iban,
        amount: item.amount,
        currency: item.currency,
        debtorName: debtor.account.ownerName,
        debtorAccount: { iban: debtor.account.iban },
        remittance: item.remittance ?? debtor.account.ownerName,
        endToEndId: item.endToEndId ?? endToEndId(payment, occurrence, index),
        bankTransactionCode: bankTransactionCode(payment, true),
      },
      date,
    );
    return true;
  }

  /**
   * Funds-checks and posts one occurrence (booked, or pending for a cleared product).
   * Returns how many items went through and whether every creditor was credited.
   */
  private post(
    payment: Payment,
    debtor: LocatedAccount,
    occurrence: number,
    date: string,
    now: Date,
    pending: boolean,
  ): { ok: number; credited: boolean } {
    const indexes: Array<number | 'batch'> = payment.batchBooking
      ? ['batch']
      : payment.items.map((_, i) => i);
    let ok = 0;
    let credited = true;
    for (const index of indexes) {
      if (index !== 'batch' && payment.items[index]?.rejected) continue;
      const input = this.debit(payment, debtor, occurrence, index);
      // A key posted before (a second trigger) counts as done, and is not checked again.
      if (!debtor.overlay.has(input.key)) {
        if (interimAvailable(debtor.account, now) + input.amount < 0) {
          for (const item of index === 'batch' ? payment.items : [payment.items[index]])
            if (item) item.rejected = 'FUNDS_NOT_AVAILABLE';
          continue;
        }
        if (pending) debtor.overlay.addPending(input, date);
      }
      if (!pending) debtor.overlay.book(input, date);
      ok++;
      if (!pending) {
        const items = index === 'batch' ? payment.items.map((_, i) => i) : [index];
        for (const i of items)
          credited = this.credit(payment, debtor, occurrence, i, date) && credited;
      }
    }
    return { ok, credited };
  }

  private reject(payment: Payment, reason: string): void {
    payment.status = 'RJCT';
    payment.rejectReason = reason;
  }

  /** Rejects a payment still waiting for SCA once its authorisation time is over. */
  expireUnauthorised(payment: Payment, now: Date): void {
    if (payment.status !== 'RCVD' && payment.status !== 'PATC') return;
    if (now.getTime() - payment.createdAt.getTime() > this.settings.authorisationSeconds * 1000)
      this.reject(payment, 'The payment was not authorised in time');
  }

  /** SCA is complete: the payment is accepted and runs as far as its dates allow. */
  authorised(payment: Payment, now: Date): void {
    if (payment.status !== 'RCVD' && payment.status !== 'PATC') return;
    payment.status = 'ACTC';
    payment.authorisedAt = now;
    this.run(payment, now);
  }

  /** Moves a payment on as far as the clock allows. Safe to call any number of times. */
  run(payment: Payment, now: Date): void {
    if (payment.status === 'RCVD' || payment.status === 'PATC') {
      // Berlin Group: a payment whose SCA is not completed in time is rejected.
      this.expireUnauthorised(payment, now);
      return;
    }
    if (isFinal(payment.status)) return;
    const debtor = this.settings.locate(payment.debtorIban);
    if (!debtor) {
      this.reject(payment, 'The debtor account is closed');
      return;
    }
    const scenario = debtor.owner.scenario;
    if (scenario === 'paymentRejected') {
      this.reject(payment, 'The bank rejected the payment: creditor account blocked (AML check)');
      return;
    }
    if (scenario === 'longPending' && payment.authorisedAt) {
      const until = payment.authorisedAt.getTime() + LONG_PENDING_MINUTES * 60_000;
      if (now.getTime() < until) {
        payment.status = 'PDNG';
        return;
      }
    }
    const today = isoDate(now);
    if (payment.periodic) {
      this.runPeriodic(payment, debtor, today, now);
      return;
    }
    if (payment.requestedExecutionDate) {
      const date = shiftToBusinessDay(payment.requestedExecutionDate, debtor.countryCode);
      if (date > today) {
        payment.status = 'ACSP';
        return;
      }
      // Booked on its execution date even when nobody called the bank on that day.
      this.finish(
        payment,
        this.post(payment, debtor, 0, date, now, false),
        now,
        debtor.countryCode,
      );
      return;
    }
    const sameOwner = payment.items.every((i) => {
      const iban = creditorIban(i);
      return iban !== undefined && this.settings.locate(iban)?.owner === debtor.owner;
    });
    const speed = sameOwner ? 'ownAccount' : executionSpeed(payment.product);
    if (speed !== 'cleared') {
      this.finish(
        payment,
        this.post(payment, debtor, 0, today, now, false),
        now,
        debtor.countryCode,
      );
      return;
    }
    if (!payment.bookAt) {
      const result = this.post(payment, debtor, 0, today, now, true);
      if (result.ok === 0) {
        this.finish(payment, result, now, debtor.countryCode);
        return;
      }
      payment.fundsAvailable = true;
      payment.bookAt = new Date(now.getTime() + this.settings.clearingDelaySeconds * 1000);
      payment.status = 'ACSP';
    }
    // Clearing runs on business days only; a payment pending over a weekend books on Monday,
    // and on that day even when nobody called the bank until later.
    const bookDate = shiftToBusinessDay(isoDate(payment.bookAt), debtor.countryCode);
    if (now.getTime() < payment.bookAt.getTime() || today < bookDate) return;
    this.finish(
      payment,
      this.post(payment, debtor, 0, bookDate, now, false),
      now,
      debtor.countryCode,
    );
  }

  private finish(
    payment: Payment,
    result: { ok: number; credited: boolean },
    now: Date,
    countryCode: string,
  ): void {
    payment.fundsAvailable = result.ok > 0;
    if (result.ok === 0 && payment.waitForFunds && now < fundsDeadline(payment, countryCode)) {
      // Like online banking: the payment waits for funds and is tried again on every run.
      for (const item of payment.items) delete item.rejected;
      payment.status = 'PDNG';
      return;
    }
    if (result.ok === 0) {
      this.reject(payment, 'Funds not available');
      return;
    }
    const someRejected = payment.items.some((i) => i.rejected);
    payment.status = someRejected ? 'PART' : result.credited ? 'ACCC' : 'ACSC';
  }

  private runPeriodic(payment: Payment, debtor: LocatedAccount, today: string, now: Date): void {
    const terms = payment.periodic;
    if (!terms) return;
    for (let step = 0; step < MAX_OCCURRENCES_PER_RUN; step++) {
      const n = payment.occurrencesDone;
      const date = occurrenceDate(terms, n, debtor.countryCode);
      if (date === undefined) {
        payment.status = 'ACSC';
        return;
      }
      if (date > today) break;
      // A missed occurrence (no funds) is skipped; the series goes on.
      this.post(
        { ...payment, items: payment.items.map((i) => ({ ...i })) },
        debtor,
        n,
        date,
        now,
        false,
      );
      payment.occurrencesDone = n + 1;
    }
    payment.status = 'ACSP';
  }

  /** Total of the payment, for pages and answers. */
  static total(payment: Payment): number {
    return totalAmount(payment);
  }
}
