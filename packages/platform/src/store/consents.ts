import { randomUUID } from 'node:crypto';
import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { SealedBox } from '../security/sealed-box.js';
import { appendStatusEvent } from './events.js';
import {
  type Alongside,
  type Cause,
  CONFLICT,
  type Conflict,
  carrying,
  createCarrying,
  type JointWrite,
  runAloneWritten,
} from './joint-write.js';
import { type ResourceNotification, subscribe } from './resource-notifications.js';
import type { ConsentEventsTable, ConsentsTable, Database, Db } from './schema.js';

export { type Cause, CONFLICT, type Conflict, type JointWrite } from './joint-write.js';

export interface ConsentRecord {
  id: string;
  clientId: string;
  bic: string;
  status: string;
  access: unknown;
  recurringIndicator: boolean;
  validUntil: string;
  frequencyPerDay: number;
  combinedServiceIndicator: boolean;
  psuContext: 'private' | 'corporate';
  psuCorporateId: string | null;
  scaApproach: string | null;
  bankConsentId: string | null;
  /** For a bank-offered consent: the access the PSU granted at the bank. */
  grantedAccess: unknown | null;
  bankTokensExpireAt: number | null;
  version: number;
  createdAt: string;
  lastActionDate: string;
  statusChangedAt: string;
}

export interface NewConsent {
  clientId: string;
  bic: string;
  status: string;
  access: unknown;
  recurringIndicator: boolean;
  validUntil: string;
  frequencyPerDay: number;
  combinedServiceIndicator: boolean;
  psuContext: 'private' | 'corporate';
  psuCorporateId?: string | null;
  scaApproach?: string;
  bankConsentId?: string;
  /** The bank's local date; without it, the UTC date. */
  lastActionDate?: string;
  /** Where this consent's events go besides the client's endpoint (TPP-Notification-URI). */
  notification?: ResourceNotification;
}

/** Fields besides the status that later steps fill in. */
export interface ConsentChanges {
  /** The bank's local date of the change; without it, the UTC date. */
  lastActionDate?: string;
  scaApproach?: string;
  bankConsentId?: string;
  grantedAccess?: unknown;
  /** The bank's consent is to be ended there from now on (see `claimBankEnd`). */
  bankEndDue?: true;
}

/** A status change of a consent, with what else changes and the bank tokens to store. */
export interface ConsentChange {
  read: ConsentRecord;
  status: string;
  changes?: ConsentChanges;
  bankTokens?: BankTokens;
}

export interface BankTokens {
  accessToken: string;
  refreshToken: string | null;
  /** Unix seconds. */
  expiresAt: number;
  refreshExpiresAt: number | null;
}

/** A consent and its bank tokens as one read of its row found them; the tokens open on demand. */
export interface WithBankTokens {
  record: ConsentRecord;
  bankTokens(): BankTokens | undefined;
}

/**
 * Consents and the history of their statuses. Every change names the version it read, so two
 * instances acting on one consent cannot both win; every status change is written together
 * with its event. Bank tokens are sealed before they are stored. (Their SCA authorisations are
 * kept by `authorisations.ts`, which carries a consent's change along with an SCA step.)
 */
export class ConsentsRepository {
  constructor(
    private readonly db: Db,
    private readonly box: SealedBox,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Stores a new consent with its first history row; `alongside`, when given, makes a write
   * of another repository (the answer a replay repeats) that lands with the consent or not at
   * all.
   */
  async create(
    input: NewConsent,
    cause: Cause,
    alongside?: Alongside<ConsentRecord>,
  ): Promise<ConsentRecord> {
    const at = this.now().toISOString();
    const row: ConsentsTable = {
      id: randomUUID(),
      client_id: input.clientId,
      bic: input.bic,
      status: input.status,
      access: JSON.stringify(input.access),
      recurring_indicator: input.recurringIndicator ? 1 : 0,
      valid_until: input.validUntil,
      frequency_per_day: input.frequencyPerDay,
      combined_service_indicator: input.combinedServiceIndicator ? 1 : 0,
      psu_context: input.psuContext,
      psu_corporate_id: input.psuCorporateId ?? null,
      sca_approach: input.scaApproach ?? null,
      bank_consent_id: input.bankConsentId ?? null,
      granted_access: null,
      bank_tokens: null,
      bank_tokens_expire_at: null,
      bank_end_due_at: null,
      bank_ended_at: null,
      version: 1,
      created_at: at,
      last_action_date: input.lastActionDate ?? at.slice(0, 10),
      status_changed_at: at,
    };
    const created = toConsent(row);
    await createCarrying(this.db, created, alongside, async (trx) => {
      await trx.insertInto('consents').values(row).execute();
      if (input.notification) {
        await subscribe(
          trx,
          { kind: 'consent', id: row.id },
          row.client_id,
          input.notification,
          at,
        );
      }
      await this.recordEvent(trx, row, null, row.status, cause, at);
    });
    return created;
  }

  /** The consent if it exists and belongs to the client; another client's is not found. */
  async findOwned(clientId: string, id: string): Promise<ConsentRecord | undefined> {
    return (await this.findOwnedWithTokens(clientId, id))?.record;
  }

  /**
   * `findOwned` with the consent's bank tokens from the same read of the row, opened only
   * when asked for: a data call reads the row once, and a consent refused by its rules has
   * nothing decrypted.
   */
  async findOwnedWithTokens(clientId: string, id: string): Promise<WithBankTokens | undefined> {
    const row = await this.db
      .selectFrom('consents')
      .selectAll()
      .where('id', '=', id)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return row ? this.withTokens(row) : undefined;
  }

  /** A client's most recent consents, newest first. */
  async listForClient(clientId: string, limit: number): Promise<ConsentRecord[]> {
    const rows = await this.db
      .selectFrom('consents')
      .selectAll()
      .where('client_id', '=', clientId)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toConsent);
  }

  /**
   * Consents time may have changed without anyone reading them: `received` ones created before
   * `receivedBefore`, and open ones whose `validUntil` is on or before `lastDay`. Their ids,
   * for the background sweep that applies the change (and so writes its event).
   */
  async pastDeadline(lastDay: string, receivedBefore: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('consents')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'received'), eb('created_at', '<', receivedBefore)]),
          eb.and([eb('status', 'in', ['received', 'valid']), eb('valid_until', '<=', lastDay)]),
        ]),
      )
      .limit(limit)
      .execute();
    return rows.map((row) => row.id);
  }

  /**
   * Claims the ending of the consent's bank consent: answers true to one caller at a time, and
   * never once it is ended. The claim stands until `retryAt`; an attempt that fails leaves it
   * there, so the sweep (`bankEndsDue`) tries again from then on. The version is left alone: the
   * claim changes nothing a status write reads.
   */
  async claimBankEnd(id: string, retryAt: Date): Promise<boolean> {
    const now = this.now().toISOString();
    const result = await this.db
      .updateTable('consents')
      .set({ bank_end_due_at: retryAt.toISOString() })
      .where('id', '=', id)
      .where('bank_ended_at', 'is', null)
      .where((eb) => eb.or([eb('bank_end_due_at', 'is', null), eb('bank_end_due_at', '<=', now)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The bank let go of the consent's bank consent: nothing is due there any more. */
  async bankEnded(id: string): Promise<void> {
    await this.db
      .updateTable('consents')
      .set({ bank_ended_at: this.now().toISOString(), bank_end_due_at: null })
      .where('id', '=', id)
      .execute();
  }

  /** Consents whose bank consent is due to be ended (again) at the bank. */
  async bankEndsDue(limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('consents')
      .select('id')
      .where('bank_end_due_at', '<=', this.now().toISOString())
      .where('bank_ended_at', 'is', null)
      .orderBy('bank_end_due_at')
      .limit(limit)
      .execute();
    return rows.map((row) => row.id);
  }

  async get(id: string): Promise<ConsentRecord | undefined> {
    return (await this.getWithTokens(id))?.record;
  }

  /** `get` with the bank tokens of the same version of the row (see `findOwnedWithTokens`). */
  async getWithTokens(id: string): Promise<WithBankTokens | undefined> {
    const row = await this.db
      .selectFrom('consents')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? this.withTokens(row) : undefined;
  }

  /**
   * Moves the consent to `status` (and applies `changes`) if nobody changed it since `read`,
   * with the write of another repository `alongside` (the answer a replay repeats) when given.
   */
  async changeStatus(
    read: ConsentRecord,
    status: string,
    cause: Cause,
    changes: ConsentChanges = {},
    alongside?: JointWrite,
  ): Promise<ConsentRecord | Conflict> {
    return runAloneWritten(this.db, (onWritten) =>
      carrying(this.write({ read, status, changes }, cause, onWritten), alongside),
    );
  }

  /**
   * The consent's change as a write another repository's transaction carries along (an SCA
   * step and its consent move together). `onWritten` gets the consent as written.
   */
  write(
    change: ConsentChange,
    cause: Cause,
    onWritten: (consent: ConsentRecord) => void = () => {},
  ): JointWrite {
    return {
      run: async (trx) => {
        const at = this.now().toISOString();
        const { read, status, changes = {}, bankTokens } = change;
        const values: ConsentColumns = {
          status,
          status_changed_at: status === read.status ? read.statusChangedAt : at,
          last_action_date: status === read.status ? read.lastActionDate : at.slice(0, 10),
          ...columnsOf(changes),
          // An attempt under way keeps its claim (`claimBankEnd`).
          ...(changes.bankEndDue
            ? { bank_end_due_at: sql<string>`coalesce(bank_end_due_at, ${at})` }
            : {}),
        };
        if (bankTokens) {
          values.bank_tokens = this.box.seal(JSON.stringify(bankTokens), tokenAad(read.id));
          values.bank_tokens_expire_at = bankTokens.expiresAt;
        }
        const updated = await this.compareAndSet(trx, read, values);
        if (updated === CONFLICT) return false;
        if (status !== read.status) {
          await this.recordEvent(
            trx,
            { id: read.id, client_id: read.clientId },
            read.status,
            status,
            cause,
            at,
          );
        }
        onWritten(updated);
        return true;
      },
    };
  }

  async setBankTokens(read: ConsentRecord, tokens: BankTokens): Promise<ConsentRecord | Conflict> {
    return this.compareAndSet(this.db, read, {
      bank_tokens: this.box.seal(JSON.stringify(tokens), tokenAad(read.id)),
      bank_tokens_expire_at: tokens.expiresAt,
    });
  }

  async bankTokens(id: string): Promise<BankTokens | undefined> {
    return (await this.getWithTokens(id))?.bankTokens();
  }

  async events(consentId: string): Promise<ConsentEventsTable[]> {
    return this.db
      .selectFrom('consent_events')
      .selectAll()
      .where('consent_id', '=', consentId)
      .orderBy('at')
      .execute();
  }

  private withTokens(row: ConsentsTable): WithBankTokens {
    const sealed = row.bank_tokens;
    return {
      record: toConsent(row),
      bankTokens: () =>
        sealed ? (JSON.parse(this.box.open(sealed, tokenAad(row.id))) as BankTokens) : undefined,
    };
  }

  /**
   * Sets `values` if the row is still at the version read. The row is then the one read with
   * those values, so the consent is answered from them, not read back.
   */
  private async compareAndSet(
    db: Db | Transaction<Database>,
    read: ConsentRecord,
    values: ConsentColumns,
  ): Promise<ConsentRecord | Conflict> {
    const result = await db
      .updateTable('consents')
      .set({ ...values, version: read.version + 1 })
      .where('id', '=', read.id)
      .where('version', '=', read.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return CONFLICT;
    return withColumns(read, values);
  }

  /**
   * The change in the consent's history and, unless it is the creation, in the events outbox:
   * both in the transaction of the change.
   */
  private async recordEvent(
    trx: Transaction<Database>,
    consent: { id: string; client_id: string },
    from: string | null,
    to: string,
    cause: Cause,
    at: string,
  ): Promise<void> {
    await appendStatusEvent(
      trx,
      { kind: 'consent', id: consent.id, clientId: consent.client_id },
      from,
      to,
      at,
    );
    await trx
      .insertInto('consent_events')
      .values({
        id: randomUUID(),
        consent_id: consent.id,
        authorisation_id: null,
        from_status: from,
        to_status: to,
        reason: cause.reason,
        request_id: cause.requestId ?? null,
        at,
      })
      .execute();
  }
}

function tokenAad(consentId: string): string {
  return `consent:${consentId}:bank-tokens`;
}

/** The columns a change of a consent sets (the version aside). */
type ConsentColumns = Partial<
  Pick<
    ConsentsTable,
    | 'status'
    | 'status_changed_at'
    | 'last_action_date'
    | 'sca_approach'
    | 'bank_consent_id'
    | 'granted_access'
    | 'bank_tokens'
    | 'bank_tokens_expire_at'
  >
> & { bank_end_due_at?: RawBuilder<string> };

/** `read` as a read of the row answers it once `values` are set (bank tokens and ends aside). */
function withColumns(read: ConsentRecord, values: ConsentColumns): ConsentRecord {
  const next: ConsentRecord = { ...read, version: read.version + 1 };
  if (values.status !== undefined) next.status = values.status;
  if (values.status_changed_at !== undefined) next.statusChangedAt = values.status_changed_at;
  if (values.last_action_date !== undefined) next.lastActionDate = values.last_action_date;
  if (values.sca_approach !== undefined) next.scaApproach = values.sca_approach;
  if (values.bank_consent_id !== undefined) next.bankConsentId = values.bank_consent_id;
  if (values.granted_access !== undefined) {
    next.grantedAccess = values.granted_access === null ? null : JSON.parse(values.granted_access);
  }
  if (values.bank_tokens_expire_at !== undefined) {
    next.bankTokensExpireAt = values.bank_tokens_expire_at;
  }
  return next;
}

function columnsOf(changes: ConsentChanges): ConsentColumns {
  const values: ConsentColumns = {};
  if (changes.lastActionDate !== undefined) values.last_action_date = changes.lastActionDate;
  if (changes.scaApproach !== undefined) values.sca_approach = changes.scaApproach;
  if (changes.bankConsentId !== undefined) values.bank_consent_id = changes.bankConsentId;
  if (changes.grantedAccess !== undefined) {
    values.granted_access = JSON.stringify(changes.grantedAccess);
  }
  return values;
}

function toConsent(row: ConsentsTable): ConsentRecord {
  return {
    id: row.id,
    clientId: row.client_id,
    bic: row.bic,
    status: row.status,
    access: JSON.parse(row.access),
    recurringIndicator: Boolean(row.recurring_indicator),
    validUntil: row.valid_until,
    frequencyPerDay: row.frequency_per_day,
    combinedServiceIndicator: Boolean(row.combined_service_indicator),
    psuContext: row.psu_context === 'corporate' ? 'corporate' : 'private',
    psuCorporateId: row.psu_corporate_id,
    scaApproach: row.sca_approach,
    bankConsentId: row.bank_consent_id,
    grantedAccess: row.granted_access === null ? null : JSON.parse(row.granted_access),
    bankTokensExpireAt: row.bank_tokens_expire_at,
    version: row.version,
    createdAt: row.created_at,
    lastActionDate: row.last_action_date,
    statusChangedAt: row.status_changed_at,
  };
}
