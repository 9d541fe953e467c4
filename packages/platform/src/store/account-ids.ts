import { randomUUID } from 'node:crypto';
import type { AccountIdsTable, Db } from './schema.js';

/** A bank account as a bank lists it: its own id and what identifies it across consents. */
export interface BankAccountIdentity {
  bankResourceId: string;
  iban?: string | undefined;
  bban?: string | undefined;
  currency?: string | undefined;
}

export interface AccountIdRecord {
  /** Bankbridge's id of the account, the only one a TPP sees. */
  resourceId: string;
  clientId: string;
  bic: string;
  bankResourceId: string;
  iban?: string;
  bban?: string;
  currency?: string;
}

/** How many mappings an instance keeps in memory: an account list's and a read's lookups. */
const KEPT_LIMIT = 10_000;

/**
 * The account ids Bankbridge hands out. One id per client x bank x bank account, kept for
 * good: a later consent of the same client for the same account gets the same id, another
 * client gets another. Ids are random, so they reveal nothing of the bank's.
 *
 * Mappings this instance has read or written are kept in memory, so that an account list or
 * an account read costs no lookup (on PostgreSQL, a round trip) once the account is known.
 * Bankbridge's id of an account never changes; only the bank's id does, and another instance
 * may have written a newer one meanwhile. A kept bank id is then stale, which heals the way a
 * bank's new id always does: the bank answers 404, Bankbridge lists the accounts, and a
 * listing that differs from what is kept goes to the store (`BankAccess.withAccount`).
 */
export class AccountIdsRepository {
  /** By client, bank and account key (`accountKey`). */
  private readonly byKey = new Map<string, AccountIdRecord>();
  /** By client, bank and Bankbridge's id. */
  private readonly byId = new Map<string, AccountIdRecord>();

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private keep(key: string, record: AccountIdRecord): AccountIdRecord {
    // Handed to every later caller: nobody may change it.
    Object.freeze(record);
    putNewest(this.byKey, keyOf(record.clientId, record.bic, key), record);
    putNewest(this.byId, keyOf(record.clientId, record.bic, record.resourceId), record);
    return record;
  }

  /**
   * Bankbridge's id for a bank account, created on first sight. The bank's id is refreshed on
   * every sighting: a bank may give the same account another id under a new consent.
   */
  async assign(
    clientId: string,
    bic: string,
    account: BankAccountIdentity,
  ): Promise<AccountIdRecord> {
    const at = this.now().toISOString();
    const row = await this.db
      .insertInto('account_ids')
      .values({
        resource_id: randomUUID(),
        client_id: clientId,
        bic,
        account_key: accountKey(account),
        bank_resource_id: account.bankResourceId,
        iban: account.iban ?? null,
        bban: account.bban ?? null,
        currency: account.currency ?? null,
        created_at: at,
        updated_at: at,
      })
      // One statement on both databases: two requests listing the same new account at once
      // end with one id, never two.
      .onConflict((oc) =>
        oc.columns(['client_id', 'bic', 'account_key']).doUpdateSet({
          bank_resource_id: account.bankResourceId,
          updated_at: at,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return this.keep(row.account_key, toRecord(row));
  }

  /**
   * Bankbridge's ids for the accounts of one bank listing, in the listing's order. An account
   * whose id is known under the same bank id costs one read for the whole listing; only a new
   * account, or one the bank now lists under another id, is written (`assign`). Decision:
   * `updated_at` is then when the bank's id last changed, not when it was last seen, which
   * kept every account list writing to the store.
   */
  async assignAll(
    clientId: string,
    bic: string,
    accounts: readonly BankAccountIdentity[],
  ): Promise<AccountIdRecord[]> {
    if (accounts.length === 0) return [];
    const keys = accounts.map(accountKey);
    const kept = keys.map((key) => this.byKey.get(keyOf(clientId, bic, key)));
    if (kept.every((record, i) => record?.bankResourceId === accounts[i]?.bankResourceId)) {
      return kept as AccountIdRecord[];
    }
    const known = new Map(
      (
        await this.db
          .selectFrom('account_ids')
          .selectAll()
          .where('client_id', '=', clientId)
          .where('bic', '=', bic)
          .where('account_key', 'in', [...new Set(keys)])
          .execute()
      ).map((row) => [row.account_key, row]),
    );
    const out: AccountIdRecord[] = [];
    for (const [i, account] of accounts.entries()) {
      const row = known.get(keys[i] as string);
      out.push(
        row && row.bank_resource_id === account.bankResourceId
          ? this.keep(row.account_key, toRecord(row))
          : await this.assign(clientId, bic, account),
      );
    }
    return out;
  }

  /** Every account id the client has at this bank. */
  async forBank(clientId: string, bic: string): Promise<AccountIdRecord[]> {
    const rows = await this.db
      .selectFrom('account_ids')
      .selectAll()
      .where('client_id', '=', clientId)
      .where('bic', '=', bic)
      .execute();
    return rows.map(toRecord);
  }

  /** The account behind one of the client's ids at this bank; another client's is not found. */
  async find(
    clientId: string,
    bic: string,
    resourceId: string,
  ): Promise<AccountIdRecord | undefined> {
    const kept = this.byId.get(keyOf(clientId, bic, resourceId));
    if (kept) return kept;
    const row = await this.db
      .selectFrom('account_ids')
      .selectAll()
      .where('resource_id', '=', resourceId)
      .where('client_id', '=', clientId)
      .where('bic', '=', bic)
      .executeTakeFirst();
    return row ? this.keep(row.account_key, toRecord(row)) : undefined;
  }
}

/**
 * What identifies a bank account across consents. Decision: the IBAN (else the BBAN) with the
 * currency, as Berlin Group addresses accounts and sub-accounts of a multi-currency account;
 * only an account with neither falls back to the bank's own id, which banks keep per account.
 */
export function accountKey(account: BankAccountIdentity): string {
  const currency = account.currency?.trim().toUpperCase() ?? '';
  if (account.iban) return `iban:${account.iban.replace(/\s+/g, '').toUpperCase()}:${currency}`;
  if (account.bban) return `bban:${account.bban.replace(/\s+/g, '').toUpperCase()}:${currency}`;
  return `bank:${account.bankResourceId}`;
}

/** Sets a kept entry as the newest, dropping the oldest past the limit (insertion order). */
function putNewest(map: Map<string, AccountIdRecord>, name: string, record: AccountIdRecord) {
  map.delete(name);
  if (map.size >= KEPT_LIMIT) map.delete(map.keys().next().value as string);
  map.set(name, record);
}

/** A kept mapping's name: no client id, BIC or key contains a NUL. */
function keyOf(clientId: string, bic: string, key: string): string {
  return `${clientId}\u0000${bic}\u0000${key}`;
}

function toRecord(row: AccountIdsTable): AccountIdRecord {
  return {
    resourceId: row.resource_id,
    clientId: row.client_id,
    bic: row.bic,
    bankResourceId: row.bank_resource_id,
    ...(row.iban ? { iban: row.iban } : {}),
    ...(row.bban ? { bban: row.bban } : {}),
    ...(row.currency ? { currency: row.currency } : {}),
  };
}
