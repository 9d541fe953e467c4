import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { SealedBox } from '../security/sealed-box.js';
import { appendScaEvent } from './events.js';
import {
  type Alongside,
  type Cause,
  CONFLICT,
  type Conflict,
  createCarrying,
  type JointWrite,
  ROLLBACK,
} from './joint-write.js';
import type { Database, Db, ScaAuthorisationsTable, ScaEventsTable } from './schema.js';

/** Which resource an authorisation is for: its kind (`consent`, `payment`, ...) and id. */
export interface ResourceRef {
  kind: string;
  id: string;
}

export interface AuthorisationRecord {
  id: string;
  resource: ResourceRef;
  scaStatus: string;
  scaApproach: string | null;
  bankAuthorisationId: string | null;
  autoStartToken: string | null;
  /** The bank's text for the PSU (decoupled SCA), shown on every poll. */
  psuMessage: string | null;
  /** When a request began redeeming the bank's grant (ISO), until it recorded the outcome. */
  redeemingAt: string | null;
  /** The authenticationMethodId the TPP chose, once it chose one. */
  scaMethod: string | null;
  /** The bank's animated QR code token (the secret is read with `qrStartSecret`). */
  qrStartToken: string | null;
  /** When the bank's order started (ISO): each animated QR code's time counts from it. */
  qrStartedAt: string | null;
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
  /**
   * The bank's tokens, where a step of the PSU's on Bankbridge's page after the bank needed
   * them (the bank's code is then spent already); times in milliseconds since the epoch.
   */
  tokens?: {
    accessToken: string;
    refreshToken: string;
    expiresAt: number;
    refreshExpiresAt: number | null;
  };
  /** What the bank listed for the PSU to pick from on that page, read once. */
  choices?: unknown[];
  /** The PSU's answer on that page (the accounts picked), until the TPP redeems its code. */
  stepAnswer?: unknown;
}

/** The bank's animated QR code start of a decoupled SCA. */
export interface QrStartChange {
  token: string;
  secret: string;
  startedAt: string;
}

/** Fields of an authorisation besides its status that steps fill in. */
export interface AuthorisationChanges {
  scaApproach?: string;
  scaMethod?: string;
  qrStart?: QrStartChange;
  bankAuthorisationId?: string;
  autoStartToken?: string;
  psuMessage?: string | null;
  /** `null` clears it (once the code is spent or the SCA ended). */
  bankExchange?: BankExchange | null;
  redeemingAt?: string | null;
}

/**
 * SCA authorisations of any resource and the history of their statuses. Every change names the
 * version it read, so two instances acting on one authorisation cannot both win; every status
 * change is written together with its event, and with the resource's own change when one is
 * carried along (`JointWrite`).
 */
export class AuthorisationsRepository {
  constructor(
    private readonly db: Db,
    private readonly box: SealedBox,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Starts an authorisation of the resource; `alongside`, when given, makes a write of another
   * repository (the answer a replay repeats) that lands with it or not at all.
   */
  async create(
    resource: ResourceRef,
    input: { scaStatus: string; scaApproach?: string | null },
    cause: Cause,
    alongside?: Alongside<AuthorisationRecord>,
  ): Promise<AuthorisationRecord> {
    const at = this.now().toISOString();
    const row: ScaAuthorisationsTable = {
      id: randomUUID(),
      resource_kind: resource.kind,
      resource_id: resource.id,
      sca_status: input.scaStatus,
      sca_approach: input.scaApproach ?? null,
      bank_authorisation_id: null,
      auto_start_token: null,
      bank_exchange: null,
      psu_message: null,
      redeeming_at: null,
      sca_method: null,
      qr_start_token: null,
      qr_start_secret: null,
      qr_started_at: null,
      version: 1,
      created_at: at,
      updated_at: at,
    };
    const created = toAuthorisation(row);
    await createCarrying(this.db, created, alongside, async (trx) => {
      await trx.insertInto('sca_authorisations').values(row).execute();
      await recordEvent(trx, created, null, row.sca_status, cause, at);
    });
    return created;
  }

  /** The authorisation `id` of this resource, if there is one. */
  async find(resource: ResourceRef, id: string): Promise<AuthorisationRecord | undefined> {
    const row = await this.db
      .selectFrom('sca_authorisations')
      .selectAll()
      .where('id', '=', id)
      .where('resource_kind', '=', resource.kind)
      .where('resource_id', '=', resource.id)
      .executeTakeFirst();
    return row ? toAuthorisation(row) : undefined;
  }

  /** A resource's authorisations, oldest first. */
  async list(resource: ResourceRef): Promise<AuthorisationRecord[]> {
    const rows = await this.db
      .selectFrom('sca_authorisations')
      .selectAll()
      .where('resource_kind', '=', resource.kind)
      .where('resource_id', '=', resource.id)
      .orderBy('created_at')
      .execute();
    return rows.map(toAuthorisation);
  }

  /** The status history of a resource's authorisations, oldest first. */
  async events(resource: ResourceRef): Promise<ScaEventsTable[]> {
    return this.db
      .selectFrom('sca_events')
      .selectAll()
      .where('resource_kind', '=', resource.kind)
      .where('resource_id', '=', resource.id)
      .orderBy('at')
      .execute();
  }

  /**
   * Moves an authorisation to `scaStatus` if nobody changed it since `read`, together with a
   * write of another repository when one is given: the resource's own change, or one made from
   * the authorisation as written (the answer a replay repeats). Both land, or neither.
   */
  async change(
    read: AuthorisationRecord,
    scaStatus: string,
    cause: Cause,
    changes: AuthorisationChanges = {},
    alongside?: JointWrite | Alongside<AuthorisationRecord>,
  ): Promise<AuthorisationRecord | Conflict> {
    const at = this.now().toISOString();
    // The compare-and-set holds only for the row read, so the row written is the one read with
    // these changes: no read back.
    const written = changedRecord(read, scaStatus, changes, at);
    const joint = typeof alongside === 'function' ? alongside(written) : alongside;
    try {
      await this.db.transaction().execute(async (trx) => {
        if (joint && !(await joint.run(trx))) throw ROLLBACK;
        const result = await trx
          .updateTable('sca_authorisations')
          .set({ ...this.columnsOf(read, changes), sca_status: scaStatus, updated_at: at })
          .where('id', '=', read.id)
          .where('version', '=', read.version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw ROLLBACK;
        if (scaStatus !== read.scaStatus) {
          await recordEvent(trx, read, read.scaStatus, scaStatus, cause, at);
        }
      });
    } catch (error) {
      if (error === ROLLBACK) return CONFLICT;
      throw error;
    }
    joint?.landed?.();
    return written;
  }

  /** The redirect SCA's sealed state of an authorisation, if it has one. */
  async bankExchange(authorisationId: string): Promise<BankExchange | undefined> {
    const row = await this.db
      .selectFrom('sca_authorisations')
      .select('bank_exchange')
      .where('id', '=', authorisationId)
      .executeTakeFirst();
    if (!row?.bank_exchange) return undefined;
    return JSON.parse(
      this.box.open(row.bank_exchange, exchangeAad(authorisationId)),
    ) as BankExchange;
  }

  /** The key of an authorisation's animated QR codes, if the bank gave one. */
  async qrStartSecret(authorisationId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('sca_authorisations')
      .select('qr_start_secret')
      .where('id', '=', authorisationId)
      .executeTakeFirst();
    if (!row?.qr_start_secret) return undefined;
    return this.box.open(row.qr_start_secret, qrSecretAad(authorisationId));
  }

  private columnsOf(
    read: AuthorisationRecord,
    changes: AuthorisationChanges,
  ): Partial<ScaAuthorisationsTable> {
    const values: Partial<ScaAuthorisationsTable> = { version: read.version + 1 };
    if (changes.scaApproach !== undefined) values.sca_approach = changes.scaApproach;
    if (changes.bankAuthorisationId !== undefined) {
      values.bank_authorisation_id = changes.bankAuthorisationId;
    }
    if (changes.autoStartToken !== undefined) values.auto_start_token = changes.autoStartToken;
    if (changes.psuMessage !== undefined) values.psu_message = changes.psuMessage;
    if (changes.redeemingAt !== undefined) values.redeeming_at = changes.redeemingAt;
    if (changes.scaMethod !== undefined) values.sca_method = changes.scaMethod;
    if (changes.qrStart !== undefined) {
      values.qr_start_token = changes.qrStart.token;
      values.qr_start_secret = this.box.seal(changes.qrStart.secret, qrSecretAad(read.id));
      values.qr_started_at = changes.qrStart.startedAt;
    }
    if (changes.bankExchange !== undefined) {
      values.bank_exchange =
        changes.bankExchange === null
          ? null
          : this.box.seal(JSON.stringify(changes.bankExchange), exchangeAad(read.id));
    }
    return values;
  }
}

// The seal names the authorisation, not its table: exchanges sealed before authorisations
// were kept by resource still open.
function exchangeAad(authorisationId: string): string {
  return `authorisation:${authorisationId}:bank-exchange`;
}

// Bound to the authorisation: a secret copied onto another row does not open there.
function qrSecretAad(authorisationId: string): string {
  return `authorisation:${authorisationId}:qr-start-secret`;
}

async function recordEvent(
  trx: Transaction<Database>,
  authorisation: AuthorisationRecord,
  from: string | null,
  to: string,
  cause: Cause,
  at: string,
): Promise<void> {
  await appendScaEvent(
    trx,
    {
      id: authorisation.id,
      kind: authorisation.resource.kind,
      resourceId: authorisation.resource.id,
    },
    from,
    to,
    at,
  );
  await trx
    .insertInto('sca_events')
    .values({
      id: randomUUID(),
      authorisation_id: authorisation.id,
      resource_kind: authorisation.resource.kind,
      resource_id: authorisation.resource.id,
      from_status: from,
      to_status: to,
      reason: cause.reason,
      request_id: cause.requestId ?? null,
      at,
    })
    .execute();
}

/** `read` as `change` left it (the columns of `columnsOf`): what a read of the row now answers. */
function changedRecord(
  read: AuthorisationRecord,
  scaStatus: string,
  changes: AuthorisationChanges,
  at: string,
): AuthorisationRecord {
  const record = { ...read, scaStatus, version: read.version + 1, updatedAt: at };
  if (changes.scaApproach !== undefined) record.scaApproach = changes.scaApproach;
  if (changes.bankAuthorisationId !== undefined) {
    record.bankAuthorisationId = changes.bankAuthorisationId;
  }
  if (changes.autoStartToken !== undefined) record.autoStartToken = changes.autoStartToken;
  if (changes.psuMessage !== undefined) record.psuMessage = changes.psuMessage;
  if (changes.redeemingAt !== undefined) record.redeemingAt = changes.redeemingAt;
  if (changes.scaMethod !== undefined) record.scaMethod = changes.scaMethod;
  if (changes.qrStart !== undefined) {
    record.qrStartToken = changes.qrStart.token;
    record.qrStartedAt = changes.qrStart.startedAt;
  }
  return record;
}

function toAuthorisation(row: ScaAuthorisationsTable): AuthorisationRecord {
  return {
    id: row.id,
    resource: { kind: row.resource_kind, id: row.resource_id },
    scaStatus: row.sca_status,
    scaApproach: row.sca_approach,
    bankAuthorisationId: row.bank_authorisation_id,
    autoStartToken: row.auto_start_token,
    psuMessage: row.psu_message,
    redeemingAt: row.redeeming_at,
    scaMethod: row.sca_method,
    qrStartToken: row.qr_start_token,
    qrStartedAt: row.qr_started_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
