// The high-volume account: a fixed number of transactions per day, so the transaction at any
// index is computed directly from (day, sequence) without generating its neighbours. A page
// of 100 costs 100 computations whether the history holds 1,000 or 100,000 entries.

import { dateOfEpochDay, epochDay } from './dates.js';
import type { LocalFlavour } from './local-flavour.js';
import type { BookedTransactions, Ledger, Transaction } from './model.js';
import { randomFor } from './random.js';

export const HEAVY_PER_DAY = 140;

interface HeavyAccount {
  tag: string;
  currency: string;
  flavour: LocalFlavour;
  today: string;
  historyDays: number;
}

function isIncoming(sequence: number): boolean {
  return sequence % 10 === 0;
}

function amountOf(tag: string, day: number, sequence: number, scale: number): number {
  const rng = randomFor(tag, day, sequence);
  const major = isIncoming(sequence) ? 1_000 + rng.next() * 2_000 : -(20 + rng.next() * 380);
  return Math.round(major * scale * 100);
}

export function heavyLedger(account: HeavyAccount): Ledger {
  const { tag, flavour, currency } = account;
  const lastDay = epochDay(account.today) - 1;
  const firstDay = lastDay - account.historyDays + 1;
  const count = account.historyDays * HEAVY_PER_DAY;
  let total: number | undefined;

  const position = (index: number): [day: number, sequence: number] => {
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new RangeError(`no booked transaction at ${index}`);
    }
    return [firstDay + Math.floor(index / HEAVY_PER_DAY), index % HEAVY_PER_DAY];
  };

  const booked: BookedTransactions = {
    count,
    dateAt(index) {
      return dateOfEpochDay(position(index)[0]);
    },
    at(index): Transaction {
      const [day, sequence] = position(index);
      const date = dateOfEpochDay(day);
      const rng = randomFor(tag, day, sequence, 'details');
      const minor = amountOf(tag, day, sequence, flavour.scale);
      const t: Transaction = {
        transactionId: `${tag}-${day}-${sequence}`,
        entryReference: String(day * 1000 + sequence),
        status: 'booked',
        bookingDate: date,
        valueDate: date,
        transactionDate: date,
        amount: minor,
        currency,
        remittanceInformationUnstructured: '',
        bankTransactionCode: minor < 0 ? 'PMNT-CCRD-POSD' : 'PMNT-RCDT-DMCT',
      };
      if (minor < 0) {
        const merchant = rng.pick(rng.chance(0.4) ? flavour.groceries : flavour.shops);
        t.creditorName = merchant;
        t.remittanceInformationUnstructured = `${flavour.words.card} ${date.slice(2).replaceAll('-', '')} ${merchant.toUpperCase()}`;
      } else {
        const friend = rng.pick(flavour.friends);
        t.debtorName = friend;
        t.remittanceInformationUnstructured = `${flavour.words.transfer} ${friend.toUpperCase()}`;
      }
      return t;
    },
    sum() {
      if (total === undefined) {
        // Only amounts are computed: no transaction objects are kept.
        let acc = 0;
        for (let day = firstDay; day <= lastDay; day++) {
          for (let s = 0; s < HEAVY_PER_DAY; s++) acc += amountOf(tag, day, s, flavour.scale);
        }
        total = acc;
      }
      return total;
    },
  };

  return {
    openingDate: dateOfEpochDay(firstDay - 1),
    openingBalance: Math.round(500_000 * flavour.scale * 100),
    booked,
    pending: [],
  };
}
