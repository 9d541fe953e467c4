// Executed payments on top of the generated history: postings appended per account and
// merged into the ledger the account information API reads. The generated history stays
// as it is (deterministic); a posting's key is unique, so one payment occurrence can never
// be posted twice whatever triggers it.

import { createHash } from 'node:crypto';
import { epochDay } from './dates.js';
import type { AccountRef, BookedTransactions, Ledger, Transaction } from './model.js';

/**
 * Entry references of postings on a day start here, above the generated ones of that day
 * (epochDay * 1000 + sequence), so the merged history stays in entryReference order.
 */
export const POSTING_SEQUENCE_START = 900;

export interface PostingInput {
  /** Unique: paymentId/occurrence/item/side. */
  key: string;
  iban: string;
  amount: number;
  currency: string;
  creditorName?: string;
  creditorAccount?: AccountRef;
  debtorName?: string;
  debtorAccount?: AccountRef;
  remittance: string;
  endToEndId: string;
  bankTransactionCode: string;
}

interface Posting extends PostingInput {
  transactionId: string;
  transactionDate: string;
  bookingDate?: string;
  entryReference?: string;
}

function asTransaction(p: Posting): Transaction {
  const t: Transaction = {
    transactionId: p.transactionId,
    // Berlin Group caps entryReference at 35 characters: a pending entry, which has no
    // booking sequence yet, gets a digest of its unique key (a payment id and more).
    entryReference:
      p.entryReference ?? `pmt-${createHash('sha256').update(p.key).digest('hex').slice(0, 30)}`,
    status: p.bookingDate ? 'booked' : 'pending',
    valueDate: p.bookingDate ?? p.transactionDate,
    transactionDate: p.transactionDate,
    amount: p.amount,
    currency: p.currency,
    remittanceInformationUnstructured: p.remittance,
    endToEndId: p.endToEndId,
    bankTransactionCode: p.bankTransactionCode,
  };
  if (p.bookingDate) t.bookingDate = p.bookingDate;
  if (p.creditorName) t.creditorName = p.creditorName;
  if (p.creditorAccount) t.creditorAccount = p.creditorAccount;
  if (p.debtorName) t.debtorName = p.debtorName;
  if (p.debtorAccount) t.debtorAccount = p.debtorAccount;
  return t;
}

function mergeBooked(base: BookedTransactions, extra: Transaction[]): BookedTransactions {
  // Few postings: find where each goes among the generated entries by binary search.
  const insertAt = extra.map((t) => {
    const ref = Number(t.entryReference);
    let low = 0;
    let high = base.count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (Number(base.at(mid).entryReference) < ref) low = mid + 1;
      else high = mid;
    }
    return low;
  });
  const positions = insertAt.map((at, k) => at + k);
  const locate = (index: number): Transaction | number => {
    let before = 0;
    for (let k = 0; k < positions.length; k++) {
      if (positions[k] === index) return extra[k] as Transaction;
      if ((positions[k] as number) < index) before++;
    }
    return index - before;
  };
  const extraSum = extra.reduce((sum, t) => sum + t.amount, 0);
  return {
    count: base.count + extra.length,
    at(index) {
      const found = locate(index);
      return typeof found === 'number' ? base.at(found) : found;
    },
    dateAt(index) {
      const found = locate(index);
      return typeof found === 'number' ? base.dateAt(found) : (found.bookingDate ?? '');
    },
    sum: () => base.sum() + extraSum,
  };
}

export class LedgerOverlay {
  private readonly postings = new Map<string, Posting>();

  /** Adds a pending posting; false (and nothing changes) when the key was posted before. */
  addPending(input: PostingInput, date: string): boolean {
    if (this.postings.has(input.key)) return false;
    this.postings.set(input.key, {
      ...input,
      transactionId: `pmt-${input.key.replaceAll('/', '-')}`,
      transactionDate: date,
    });
    return true;
  }

  /** Books a posting on a date (adding it first when new); false when it was booked before. */
  book(input: PostingInput, date: string): boolean {
    let posting = this.postings.get(input.key);
    if (posting?.bookingDate) return false;
    if (!posting) {
      this.addPending(input, date);
      posting = this.postings.get(input.key) as Posting;
    }
    const day = epochDay(date);
    const sameDay = [...this.postings.values()].filter(
      (p) => p.iban === posting.iban && p.bookingDate === date,
    ).length;
    posting.bookingDate = date;
    posting.entryReference = String(day * 1000 + POSTING_SEQUENCE_START + sameDay);
    return true;
  }

  /** Drops a pending posting (a cancelled or rejected payment); booked ones stay. */
  dropPending(key: string): void {
    const posting = this.postings.get(key);
    if (posting && !posting.bookingDate) this.postings.delete(key);
  }

  has(key: string): boolean {
    return this.postings.has(key);
  }

  isBooked(key: string): boolean {
    return this.postings.get(key)?.bookingDate !== undefined;
  }

  /** Every posting in order, for the admin API. */
  list(): Transaction[] {
    return [...this.postings.values()].map(asTransaction);
  }

  /** The generated ledger with this account's postings merged in. */
  merge(iban: string, base: Ledger): Ledger {
    const mine = [...this.postings.values()].filter((p) => p.iban === iban);
    if (mine.length === 0) return base;
    const booked = mine
      .filter((p) => p.bookingDate)
      .map(asTransaction)
      .sort((a, b) => Number(a.entryReference) - Number(b.entryReference));
    const pending = mine.filter((p) => !p.bookingDate).map(asTransaction);
    return {
      ...base,
      booked: booked.length ? mergeBooked(base.booked, booked) : base.booked,
      pending: [...base.pending, ...pending],
    };
  }
}
