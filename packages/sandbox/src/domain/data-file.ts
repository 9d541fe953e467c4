// Operator-supplied bank data: a JSON or YAML document per bank with PSUs, accounts and
// transactions, used instead of (or next to) the generated data. Checked field by field
// so a mistake is reported with its position.

import { addDays, epochDay, isIsoDate } from './dates.js';
import { isValidIban } from './iban.js';
import {
  type Account,
  arrayBooked,
  type Ledger,
  type Psu,
  type PsuScenario,
  type Transaction,
} from './model.js';
import { parseAmount } from './money.js';
import { hashString } from './random.js';

export interface BankDataFile {
  /** true: only the file's PSUs exist at this bank; false (default): added to the generated ones. */
  replaceGenerated: boolean;
  psus: Psu[];
}

export class DataFileError extends Error {
  override name = 'DataFileError';
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const SCENARIOS: readonly PsuScenario[] = [
  'scaFails',
  'scaTimeout',
  'consentRejected',
  'pendingSettles',
  'heavy',
];

function fail(where: string, message: string): never {
  throw new DataFileError(`${where}: ${message}`);
}

function str(o: Obj, key: string, where: string, optional = false): string | undefined {
  const v = o[key];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string' || v === '') fail(`${where}.${key}`, 'must be a non-empty string');
  return v;
}

function date(o: Obj, key: string, where: string, optional = false): string | undefined {
  const v = str(o, key, where, optional);
  if (v !== undefined && !isIsoDate(v)) fail(`${where}.${key}`, 'must be a date YYYY-MM-DD');
  return v;
}

function money(o: Obj, key: string, where: string, fallback?: number): number {
  const v = o[key];
  if (v === undefined && fallback !== undefined) return fallback;
  const minor = typeof v === 'string' ? parseAmount(v) : undefined;
  if (minor === undefined) fail(`${where}.${key}`, 'must be a decimal string such as "-12.50"');
  return minor;
}

function readTransaction(
  raw: unknown,
  where: string,
  tag: string,
  currency: string,
  seqOfDay: Map<number, number>,
): Transaction {
  if (!isObj(raw)) fail(where, 'must be a mapping');
  const bookingDate = date(raw, 'bookingDate', where, true);
  const valueDate =
    date(raw, 'valueDate', where, bookingDate !== undefined) ?? (bookingDate as string);
  const day = epochDay(bookingDate ?? valueDate);
  const seq = seqOfDay.get(day) ?? 0;
  seqOfDay.set(day, seq + 1);
  const t: Transaction = {
    transactionId:
      str(raw, 'transactionId', where, true) ?? `${tag}-${day}-${bookingDate ? seq : `p${seq}`}`,
    entryReference: String(day * 1000 + seq),
    status: bookingDate ? 'booked' : 'pending',
    valueDate,
    transactionDate: date(raw, 'transactionDate', where, true) ?? valueDate,
    amount: money(raw, 'amount', where),
    currency,
    remittanceInformationUnstructured:
      str(raw, 'remittanceInformationUnstructured', where, true) ?? '',
    bankTransactionCode: str(raw, 'bankTransactionCode', where, true) ?? 'PMNT-ICDT-ESCT',
  };
  if (bookingDate) t.bookingDate = bookingDate;
  for (const side of ['creditor', 'debtor'] as const) {
    const name = str(raw, `${side}Name`, where, true);
    const iban = str(raw, `${side}Iban`, where, true);
    if (iban && !isValidIban(iban)) fail(`${where}.${side}Iban`, 'is not a valid IBAN');
    if (name) t[`${side}Name`] = name;
    if (iban) t[`${side}Account`] = { iban };
  }
  return t;
}

function readAccount(
  raw: unknown,
  where: string,
  bic: string,
  psu: { psuId: string; name: string; kind: string },
): Account {
  if (!isObj(raw)) fail(where, 'must be a mapping');
  const iban = str(raw, 'iban', where) as string;
  if (!isValidIban(iban)) fail(`${where}.iban`, 'is not a valid IBAN (check digits)');
  const currency = str(raw, 'currency', where) as string;
  if (!/^[A-Z]{3}$/.test(currency)) fail(`${where}.currency`, 'must be an ISO 4217 code');
  const type = str(raw, 'cashAccountType', where, true) ?? 'CACC';
  if (type !== 'CACC' && type !== 'SVGS' && type !== 'CARD')
    fail(`${where}.cashAccountType`, 'must be CACC, SVGS or CARD');
  const tag = hashString(`${bic}/${iban}`).toString(16).padStart(8, '0');
  const list = raw.transactions ?? [];
  if (!Array.isArray(list)) fail(`${where}.transactions`, 'must be a list');
  const seqOfDay = new Map<number, number>();
  const all = list.map((t, i) =>
    readTransaction(t, `${where}.transactions[${i}]`, tag, currency, seqOfDay),
  );
  const booked = all
    .filter((t) => t.status === 'booked')
    .sort((a, b) => Number(a.entryReference) - Number(b.entryReference));
  const ids = new Set<string>();
  for (const t of all) {
    if (ids.has(t.transactionId)) fail(where, `transactionId ${t.transactionId} appears twice`);
    ids.add(t.transactionId);
  }
  const firstDate = booked[0]?.bookingDate;
  const ledger: Ledger = {
    openingDate:
      date(raw, 'openingDate', where, true) ?? (firstDate ? addDays(firstDate, -1) : '1970-01-01'),
    openingBalance: money(raw, 'openingBalance', where, 0),
    booked: arrayBooked(booked),
    pending: all.filter((t) => t.status === 'pending'),
  };
  const kind = type === 'SVGS' ? 'savings' : type === 'CARD' ? 'card' : 'current';
  return {
    resourceId: `${tag}${hashString(iban).toString(16).padStart(8, '0')}`,
    bic,
    iban,
    bban: str(raw, 'bban', where, true) ?? iban.slice(4),
    currency,
    name: str(raw, 'name', where, true) ?? 'Account',
    product: str(raw, 'product', where, true) ?? 'Account',
    cashAccountType: type,
    kind,
    usage: psu.kind === 'corporate' ? 'ORGA' : 'PRIV',
    ownerName: psu.name,
    psuId: psu.psuId,
    ledger: () => ledger,
  };
}

/** Validates a parsed data document for the bank `bic`. */
export function readBankDataFile(document: unknown, bic: string, source: string): BankDataFile {
  const where = source;
  if (!isObj(document)) fail(where, 'must be a mapping with a "psus" list');
  if (!Array.isArray(document.psus)) fail(`${where}.psus`, 'must be a list');
  const replace = document.replaceGenerated ?? false;
  if (typeof replace !== 'boolean') fail(`${where}.replaceGenerated`, 'must be true or false');
  const psus = document.psus.map((raw, index): Psu => {
    const at = `${where}.psus[${index}]`;
    if (!isObj(raw)) fail(at, 'must be a mapping');
    const psuId = str(raw, 'psuId', at) as string;
    const name = str(raw, 'name', at) as string;
    const kind = raw.kind ?? 'private';
    if (kind !== 'private' && kind !== 'corporate')
      fail(`${at}.kind`, 'must be private or corporate');
    const scenario = raw.scenario;
    if (scenario !== undefined && !SCENARIOS.includes(scenario as PsuScenario)) {
      fail(`${at}.scenario`, `must be one of ${SCENARIOS.join(', ')}`);
    }
    if (!Array.isArray(raw.accounts) || raw.accounts.length === 0)
      fail(`${at}.accounts`, 'must be a non-empty list');
    const psu: Psu = {
      psuId,
      name,
      kind,
      description: str(raw, 'description', at, true) ?? 'Loaded from the operator data file.',
      accounts: raw.accounts.map((a, i) =>
        readAccount(a, `${at}.accounts[${i}]`, bic, { psuId, name, kind }),
      ),
    };
    if (scenario !== undefined) psu.scenario = scenario as PsuScenario;
    return psu;
  });
  return { replaceGenerated: replace, psus };
}
