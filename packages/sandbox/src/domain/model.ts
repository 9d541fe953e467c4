// The bank's data model: PSUs own accounts; an account's ledger holds its booked and
// pending transactions for a given day. Amounts are minor units (see money.ts).

export type AccountKind = 'current' | 'savings' | 'card';
export type PsuKind = 'private' | 'corporate';

/** Behaviour a test PSU triggers at the bank (documented on the login page and README). */
export type PsuScenario =
  | 'scaFails'
  | 'scaTimeout'
  | 'consentRejected'
  | 'pendingSettles'
  | 'heavy'
  | 'paymentRejected'
  | 'longPending'
  | 'dailyLimit'
  | 'blockedAccount'
  | 'twoSigners'
  | 'lowBalance'
  | 'newCreditor';

export interface AccountRef {
  iban: string;
}

export interface Transaction {
  transactionId: string;
  /** Monotonic within an account: epochDay * 1000 + sequence of the day. */
  entryReference: string;
  status: 'booked' | 'pending';
  bookingDate?: string;
  valueDate: string;
  transactionDate: string;
  amount: number;
  currency: string;
  creditorName?: string;
  creditorAccount?: AccountRef;
  debtorName?: string;
  debtorAccount?: AccountRef;
  remittanceInformationUnstructured: string;
  /** Executed payments carry the end-to-end id the payer gave (or the bank generated). */
  endToEndId?: string;
  bankTransactionCode: string;
}

/** Booked transactions in ascending (bookingDate, entryReference) order, read by index so a
 * page can be produced without materialising the whole history. */
export interface BookedTransactions {
  readonly count: number;
  at(index: number): Transaction;
  /** Booking date of the transaction at index, cheaper than at() where possible. */
  dateAt(index: number): string;
  /** Sum of all booked amounts in minor units. */
  sum(): number;
}

export interface Ledger {
  /** Balance at the end of openingDate, the day before the first booked day of the history. */
  openingDate: string;
  openingBalance: number;
  booked: BookedTransactions;
  pending: Transaction[];
}

export interface Account {
  resourceId: string;
  bic: string;
  iban: string;
  bban: string;
  currency: string;
  name: string;
  product: string;
  cashAccountType: 'CACC' | 'SVGS' | 'CARD';
  kind: AccountKind;
  usage: 'PRIV' | 'ORGA';
  ownerName: string;
  psuId: string;
  /** The ledger as seen at `now` (today = the UTC date of now). */
  ledger(now: Date): Ledger;
}

export interface Psu {
  psuId: string;
  name: string;
  kind: PsuKind;
  /** Shown to the tester on the login page. */
  description: string;
  scenario?: PsuScenario;
  accounts: Account[];
}

export function arrayBooked(items: Transaction[]): BookedTransactions {
  let total: number | undefined;
  return {
    count: items.length,
    at(index) {
      const item = items[index];
      if (!item) throw new RangeError(`no booked transaction at ${index}`);
      return item;
    },
    dateAt(index) {
      return items[index]?.bookingDate ?? '';
    },
    sum() {
      total ??= items.reduce((acc, t) => acc + t.amount, 0);
      return total;
    },
  };
}
