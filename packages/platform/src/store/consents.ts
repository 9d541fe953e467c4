import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { SealedBox } from '../security/sealed-box.js';
import type {
  ConsentAuthorisationsTable,
  ConsentEventsTable,
  ConsentsTable,
  Database,
  Db,
} from './schema.js';

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
}

/** Fields besides the status that later steps fill in. */
export interface ConsentChanges {
  /** The bank's local date of the change; without it, the UTC date. */
  lastActionDate?: string;
  scaApproach?: string;
  bankConsentId?: string;
  grantedAccess?: unknown;
}

export interface AuthorisationRecord {
  id: string;
  consentId: string;
  scaStatus: string;
  scaApproach: string | null;
  bankAuthorisationId: string | null;
  autoStartToken: string | null;
  /** The bank's text for the PSU (decoupled SCA), shown on every poll. */
  psuMessage: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What the redirect SCA keeps between requests; sealed at rest (the code is a secret). */
export interface BankExchange {
  codeVerifier: string;
  redirectUri: string;
  /** The bank's authorization code, once the PSU is back and until the TPP redeems its own. */
  code?: string;
}

/** Fields of an authorisation besides its status that steps fill in. */
export interface AuthorisationChanges {
  scaApproach?: string;
  bankAuthorisationId?: string;
  autoStartToken?: string;
  psuMessage?: string | null;
  /** `null` clears it (once the code is spent or the SCA ended). */
  bankExchange?: BankExchange | null;
}

/** A status change of a consent and (or) one of its authorisations, written together. */
export interface JointChange {
  consent?: {
    read: ConsentRecord;
    status: string;
    changes?: ConsentChanges;
    bankTokens?: BankTokens;
  };
  authorisation?: { read: AuthorisationRecord; scaStatus: string; changes?: AuthorisationChanges };
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

export interface Cause {
  reason: string;
  requestId?: string | undefined;
}

/** Another request changed the row first; the caller re-reads and decides again. */
export const CONFLICT = Symbol('conflict');
export type Conflict = typeof CONFLICT;

/**
 * Consents, their authorisations and the history of their statuses. Every change names the
 * version it read, so two instances acting on one consent cannot both win; every status
 * change is written together with its event. Bank tokens are sealed before they are stored.
 */
export class ConsentsRepository {
  constructor(
    private readonly db: Db,
    private readonly box: SealedBox,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(input: NewConsent, cause: Cause): Promise<ConsentRecord> {
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
      version: 1,
      created_at: at,
      last_action_date: input.lastActionDate ?? at.slice(0, 10),
      status_changed_at: at,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('consents').values(row).execute();
      await this.recordEvent(trx, row.id, null, null, row.status, cause, at);
    });
    return toConsent(row);
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

  /** Moves the consent to `status` (and applies `changes`) if nobody changed it since `read`. */
  async changeStatus(
    read: ConsentRecord,
    status: string,
    cause: Cause,
    changes: ConsentChanges = {},
  ): Promise<ConsentRecord | Conflict> {
    const result = await this.changeTogether({ consent: { read, status, changes } }, cause);
    return result === CONFLICT ? CONFLICT : (result.consent as ConsentRecord);
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

  async createAuthorisation(
    consent: ConsentRecord,
    input: { scaStatus: string; scaApproach?: string | null },
    cause: Cause,
  ): Promise<AuthorisationRecord> {
    const at = this.now().toISOString();
    const row: ConsentAuthorisationsTable = {
      id: randomUUID(),
      consent_id: consent.id,
      sca_status: input.scaStatus,
      sca_approach: input.scaApproach ?? null,
      bank_authorisation_id: null,
      auto_start_token: null,
      bank_exchange: null,
      psu_message: null,
      version: 1,
      created_at: at,
      updated_at: at,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('consent_authorisations').values(row).execute();
      await this.recordEvent(trx, consent.id, row.id, null, row.sca_status, cause, at);
    });
    return toAuthorisation(row);
  }

  async findAuthorisation(consentId: string, id: string): Promise<AuthorisationRecord | undefined> {
    const row = await this.db
      .selectFrom('consent_authorisations')
      .selectAll()
      .where('id', '=', id)
      .where('consent_id', '=', consentId)
      .executeTakeFirst();
    return row ? toAuthorisation(row) : undefined;
  }

  /** A consent's authorisations, oldest first. */
  async authorisations(consentId: string): Promise<AuthorisationRecord[]> {
    const rows = await this.db
      .selectFrom('consent_authorisations')
      .selectAll()
      .where('consent_id', '=', consentId)
      .orderBy('created_at')
      .execute();
    return rows.map(toAuthorisation);
  }

  /** Moves an authorisation to `scaStatus` if nobody changed it since `read`. */
  async changeScaStatus(
    read: AuthorisationRecord,
    scaStatus: string,
    cause: Cause,
    changes: AuthorisationChanges = {},
  ): Promise<AuthorisationRecord | Conflict> {
    const result = await this.changeTogether(
      { authorisation: { read, scaStatus, changes } },
      cause,
    );
    return result === CONFLICT ? CONFLICT : (result.authorisation as AuthorisationRecord);
  }

  /**
   * Changes a consent and its authorisation in one transaction, each only if nobody changed it
   * since it was read: an SCA is never finalised without its consent becoming valid and its
   * bank tokens being stored, nor the other way round.
   */
  async changeTogether(
    change: JointChange,
    cause: Cause,
  ): Promise<{ consent?: ConsentRecord; authorisation?: AuthorisationRecord } | Conflict> {
    const at = this.now().toISOString();
    try {
      return await this.db.transaction().execute(async (trx) => {
        const out: { consent?: ConsentRecord; authorisation?: AuthorisationRecord } = {};
        if (change.consent) {
          const { read, status, changes = {}, bankTokens } = change.consent;
          const values: Partial<ConsentsTable> = {
            status,
            status_changed_at: status === read.status ? read.statusChangedAt : at,
            last_action_date: status === read.status ? read.lastActionDate : at.slice(0, 10),
            ...columnsOf(changes),
          };
          if (bankTokens) {
            values.bank_tokens = this.box.seal(JSON.stringify(bankTokens), tokenAad(read.id));
            values.bank_tokens_expire_at = bankTokens.expiresAt;
          }
          const updated = await this.compareAndSet(trx, read, values);
          if (updated === CONFLICT) throw ROLLBACK;
          if (status !== read.status) {
            await this.recordEvent(trx, read.id, null, read.status, status, cause, at);
          }
          out.consent = updated;
        }
        if (change.authorisation) {
          const { read, scaStatus, changes = {} } = change.authorisation;
          const values: Partial<ConsentAuthorisationsTable> = {
            sca_status: scaStatus,
            updated_at: at,
            version: read.version + 1,
          };
          if (changes.scaApproach !== undefined) values.sca_approach = changes.scaApproach;
          if (changes.bankAuthorisationId !== undefined) {
            values.bank_authorisation_id = changes.bankAuthorisationId;
          }
          if (changes.autoStartToken !== undefined)
            values.auto_start_token = changes.autoStartToken;
          if (changes.psuMessage !== undefined) values.psu_message = changes.psuMessage;
          if (changes.bankExchange !== undefined) {
            values.bank_exchange =
              changes.bankExchange === null
                ? null
                : this.box.seal(JSON.stringify(changes.bankExchange), exchangeAad(read.id));
          }
          const result = await trx
            .updateTable('consent_authorisations')
            .set(values)
            .where('id', '=', read.id)
            .where('version', '=', read.version)
            .executeTakeFirst();
          if (Number(result.numUpdatedRows) !== 1) throw ROLLBACK;
          if (scaStatus !== read.scaStatus) {
            await this.recordEvent(
              trx,
              read.consentId,
              read.id,
              read.scaStatus,
              scaStatus,
              cause,
              at,
            );
          }
          const row = await trx
            .selectFrom('consent_authorisations')
            .selectAll()
            .where('id', '=', read.id)
            .executeTakeFirstOrThrow();
          out.authorisation = toAuthorisation(row);
        }
        return out;
      });
    } catch (error) {
      if (error === ROLLBACK) return CONFLICT;
      throw error;
    }
  }

  /** The redirect SCA's sealed state of an authorisation, if it has one. */
  async bankExchange(authorisationId: string): Promise<BankExchange | undefined> {
    const row = await this.db
      .selectFrom('consent_authorisations')
      .select('bank_exchange')
      .where('id', '=', authorisationId)
      .executeTakeFirst();
    if (!row?.bank_exchange) return undefined;
    return JSON.parse(
      this.box.open(row.bank_exchange, exchangeAad(authorisationId)),
    ) as BankExchange;
  }

  private withTokens(row: ConsentsTable): WithBankTokens {
    const sealed = row.bank_tokens;
    return {
      record: toConsent(row),
      bankTokens: () =>
        sealed ? (JSON.parse(this.box.open(sealed, tokenAad(row.id))) as BankTokens) : undefined,
    };
  }

  private async compareAndSet(
    db: Db | Transaction<Database>,
    read: ConsentRecord,
    values: Partial<ConsentsTable>,
  ): Promise<ConsentRecord | Conflict> {
    const result = await db
      .updateTable('consents')
      .set({ ...values, version: read.version + 1 })
      .where('id', '=', read.id)
      .where('version', '=', read.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return CONFLICT;
    const row = await db
      .selectFrom('consents')
      .selectAll()
      .where('id', '=', read.id)
      .executeTakeFirstOrThrow();
    return toConsent(row);
  }

  private async recordEvent(
    trx: Transaction<Database>,
    consentId: string,
    authorisationId: string | null,
    from: string | null,
    to: string,
    cause: Cause,
    at: string,
  ): Promise<void> {
    await trx
      .insertInto('consent_events')
      .values({
        id: randomUUID(),
        consent_id: consentId,
        authorisation_id: authorisationId,
        from_status: from,
        to_status: to,
        reason: cause.reason,
        request_id: cause.requestId ?? null,
        at,
      })
      .execute();
  }
}

/** Thrown inside a transaction to roll it back when a compare-and-set lost. */
const ROLLBACK = Symbol('rollback');

function exchangeAad(authorisationId: string): string {
  return `authorisation:${authorisationId}:bank-exchange`;
}

function tokenAad(consentId: string): string {
  return `consent:${consentId}:bank-tokens`;
}

function columnsOf(changes: ConsentChanges): Partial<ConsentsTable> {
  const values: Partial<ConsentsTable> = {};
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

function toAuthorisation(row: ConsentAuthorisationsTable): AuthorisationRecord {
  return {
    id: row.id,
    consentId: row.consent_id,
    scaStatus: row.sca_status,
    scaApproach: row.sca_approach,
    bankAuthorisationId: row.bank_authorisation_id,
    autoStartToken: row.auto_start_token,
    psuMessage: row.psu_message,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
