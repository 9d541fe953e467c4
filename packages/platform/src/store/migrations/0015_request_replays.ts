import type { Kysely } from 'kysely';

// X-Request-ID replay safety (psd2/request-replay.ts): per client and X-Request-ID, the hash of
// the first request and, once it is answered, its answer, kept for the replay window.
//
// A request claims its id by inserting the row (INSERT ... ON CONFLICT DO NOTHING, so of
// several at once exactly one inserts, on SQLite and PostgreSQL alike); `claim_token` names the
// claim, and recording or releasing it names the token, so a request whose stale claim another
// one took over cannot touch the new claim. `claimed_at` is set while the request runs and
// cleared when it is answered; a row whose claim stays set past the stale limit belongs to a
// request whose instance died. The answer's body is sealed (it can carry a BankID autostart
// token); its status and the headers a replay repeats are kept as they are.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('request_replays')
    .addColumn('client_id', 'text', (c) => c.notNull())
    // Lower case: X-Request-ID is a UUID, whose letter case carries no meaning.
    .addColumn('request_id', 'text', (c) => c.notNull())
    // SHA-256 (hex) of the request's fingerprint: method, path, body, meaningful headers.
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('claim_token', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('response_status', 'integer')
    .addColumn('response_headers', 'text')
    .addColumn('response_body', 'text')
    .addPrimaryKeyConstraint('request_replays_pk', ['client_id', 'request_id'])
    .execute();
  // The sweep deletes the rows older than the window.
  await db.schema
    .createIndex('request_replays_received_idx')
    .on('request_replays')
    .column('received_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('request_replays').execute();
}
