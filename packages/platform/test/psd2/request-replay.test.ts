/**
 * X-Request-ID replay safety over HTTP (psd2/request-replay.ts), on the consent operations that
 * opt in, with the sandbox banks over real HTTP: the same request again gets the first answer
 * (`Idempotent-Replayed: true`) and creates nothing; another request with the id is refused;
 * ids are per client; concurrent duplicates wait for the first; failures are not remembered; the
 * window and the stale limit end a record. Every response is checked against the contract.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectContract } from '../support/contract.js';
import { startTestPlatform, TEST_API_URL, type TestPlatform } from '../support/test-platform.js';

const BASE = '/psd2/consent/v1/consents';
const PSU = { 'psu-ip-address': '192.0.2.10', 'psu-user-agent': 'Mozilla/5.0 (test)' };
const HOUR = 3_600_000;

let tpp: TestPlatform;
let token: string;
let otherToken: string;
let other: { id: string; secret: string };
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);

const consentBody = (overrides: Record<string, unknown> = {}) => ({
  access: {},
  combinedServiceIndicator: false,
  frequencyPerDay: 4,
  recurringIndicator: true,
  validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
  ...overrides,
});

interface CallOptions {
  requestId?: string;
  bic?: string;
  body?: unknown;
  as?: string;
  headers?: Record<string, string>;
}

async function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, o: CallOptions = {}) {
  const response = await tpp.api.inject({
    method,
    url,
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${o.as ?? token}`,
      'content-type': 'application/json',
      'x-request-id': o.requestId ?? randomUUID(),
      'x-bicfi': o.bic ?? 'SWEDSESS',
      ...PSU,
      ...o.headers,
    },
    ...(o.body === undefined ? {} : { payload: JSON.stringify(o.body) }),
  });
  expectContract(response);
  return response;
}

const create = (requestId: string, body: unknown = consentBody(), o: CallOptions = {}) =>
  call('POST', BASE, { requestId, body, ...o });

async function consentCount(): Promise<number> {
  const row = await tpp.store.db
    .selectFrom('consents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function tppMessage(response: { json(): unknown }) {
  const { tppMessages } = response.json() as { tppMessages: { code: string; text: string }[] };
  expect(tppMessages).toHaveLength(1);
  return tppMessages[0];
}

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: true, now });
  token = await tpp.token('accountinformation private');
  const created = await tpp.platform.clients.create({ name: 'Other TPP', redirectUris: [] });
  other = { id: created.client.id, secret: created.secret };
  otherToken = await tpp.tokenFor(other, 'accountinformation private');
});
afterAll(async () => tpp?.close());
afterEach(async () => {
  if (offsetMs === 0) return;
  offsetMs = 0;
  token = await tpp.token('accountinformation private');
  otherToken = await tpp.tokenFor(other, 'accountinformation private');
});

describe('the same request with the same X-Request-ID', () => {
  it('gets the first answer again, marked replayed, and creates one consent', async () => {
    const id = randomUUID();
    const before = await consentCount();
    const first = await create(id);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    const again = await create(id);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(again.body).toBe(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers.location).toBe(`${TEST_API_URL}${BASE}/${first.json().consentId}`);
    expect(again.headers['aspsp-sca-approach']).toBe('DECOUPLED');
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.headers['x-request-id']).toBe(id);
    expect(again.headers['cache-control']).toBe('no-store');

    // Letter case of the id does not matter; the answer echoes the id as this request sent it.
    const upper = await create(id.toUpperCase());
    expect(upper.headers['idempotent-replayed']).toBe('true');
    expect(upper.json().consentId).toBe(first.json().consentId);
    expect(upper.headers['x-request-id']).toBe(id.toUpperCase());
    // Key order and whitespace in the body do not make another request.
    const reordered = await call('POST', BASE, {
      requestId: id,
      body: Object.fromEntries(Object.entries(consentBody()).reverse()),
    });
    expect(reordered.json().consentId).toBe(first.json().consentId);

    expect(await consentCount()).toBe(before + 1);
  });

  it('is independent of reads with the same X-Request-ID (only POST, PUT and DELETE opt in)', async () => {
    const id = randomUUID();
    const consentId = (await create(id)).json().consentId;
    const read = await call('GET', `${BASE}/${consentId}/status`, { requestId: id });
    expect(read.statusCode).toBe(200);
    expect(read.headers['idempotent-replayed']).toBeUndefined();
    expect(read.json()).toEqual({ consentStatus: 'received' });
  });
});

describe('another request with a used X-Request-ID', () => {
  it('is refused with 400 FORMAT_ERROR, and the first stays as it was', async () => {
    const id = randomUUID();
    const first = await create(id, consentBody({ frequencyPerDay: 4 }));
    const consentId = first.json().consentId;
    const before = await consentCount();

    const changes: [string, CallOptions][] = [
      ['another body', { body: consentBody({ frequencyPerDay: 2 }) }],
      ['another bank', { body: consentBody({ frequencyPerDay: 4 }), bic: 'ESSESESS' }],
      [
        'another SCA preference',
        {
          body: consentBody({ frequencyPerDay: 4 }),
          headers: { 'tpp-redirect-preferred': 'true' },
        },
      ],
    ];
    for (const [what, options] of changes) {
      const refused = await call('POST', BASE, { requestId: id, ...options });
      expect(refused.statusCode, what).toBe(400);
      expect(tppMessage(refused)).toMatchObject({
        code: 'FORMAT_ERROR',
        text: 'X-Request-ID already used for a different request',
      });
      expect(refused.headers['idempotent-replayed']).toBeUndefined();
    }
    // Another operation with the id is another request too.
    const deleted = await call('DELETE', `${BASE}/${consentId}`, { requestId: id });
    expect(deleted.statusCode).toBe(400);

    expect(await consentCount()).toBe(before);
    const read = await call('GET', `${BASE}/${consentId}`);
    expect(read.json()).toMatchObject({ consentStatus: 'received', frequencyPerDay: 4 });
    // The first answer is still what a retry of the first request gets.
    const retry = await create(id, consentBody({ frequencyPerDay: 4 }));
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().consentId).toBe(consentId);
  });
});

describe('X-Request-IDs are per client', () => {
  it("another client's request with the same id creates its own consent", async () => {
    const id = randomUUID();
    const mine = await create(id);
    const theirs = await create(id, consentBody(), { as: otherToken });
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json().consentId).not.toBe(mine.json().consentId);
    // ...and its own replay; neither sees the other's consent.
    const theirsAgain = await create(id, consentBody(), { as: otherToken });
    expect(theirsAgain.json().consentId).toBe(theirs.json().consentId);
    const someoneElses = await call('GET', `${BASE}/${theirs.json().consentId}`);
    expect(someoneElses.statusCode).toBe(403);
  });
});

describe('concurrent duplicates', () => {
  it('five at once create one consent, and all five get its answer', async () => {
    const id = randomUUID();
    const before = await consentCount();
    const all = await Promise.all(Array.from({ length: 5 }, () => create(id)));
    expect(await consentCount()).toBe(before + 1);
    const ids = new Set(all.map((r) => r.json().consentId));
    expect(ids.size).toBe(1);
    for (const response of all) {
      expect(response.statusCode).toBe(201);
      expect(response.body).toBe(all[0]?.body);
      expect(response.headers.location).toBe(all[0]?.headers.location);
    }
    expect(all.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
  });

  it('a duplicate waits for a first request that another instance is still answering', async () => {
    const id = randomUUID();
    const first = await create(id);
    // Make the row look as another instance left it while still answering.
    const kept = await tpp.store.db
      .selectFrom('request_replays')
      .selectAll()
      .where('request_id', '=', id)
      .executeTakeFirstOrThrow();
    await tpp.store.db
      .updateTable('request_replays')
      .set({ claimed_at: kept.received_at, answered_at: null })
      .where('request_id', '=', id)
      .execute();
    let settled = false;
    const duplicate = create(id).finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    // The other instance answers.
    await tpp.store.db
      .updateTable('request_replays')
      .set({ claimed_at: null, answered_at: kept.answered_at })
      .where('request_id', '=', id)
      .execute();
    const answer = await duplicate;
    expect(answer.headers['idempotent-replayed']).toBe('true');
    expect(answer.body).toBe(first.body);
  });
});

describe('a request that failed', () => {
  it('is not remembered: the same X-Request-ID with the body corrected runs', async () => {
    const id = randomUUID();
    const before = await consentCount();
    const bad = await create(id, consentBody({ validUntil: '2020-01-01' }));
    expect(bad.statusCode).toBe(400);
    expect(tppMessage(bad)?.code).toBe('FORMAT_ERROR');
    // The failure again, if the TPP repeats it: run anew, answered anew, not replayed.
    const badAgain = await create(id, consentBody({ validUntil: '2020-01-01' }));
    expect(badAgain.statusCode).toBe(400);
    expect(badAgain.headers['idempotent-replayed']).toBeUndefined();

    const fixed = await create(id);
    expect(fixed.statusCode, fixed.body).toBe(201);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
    const replayed = await create(id);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.json().consentId).toBe(fixed.json().consentId);
    expect(await consentCount()).toBe(before + 1);
  });

  it('concurrent duplicates of a failing request each run and fail; nothing is kept', async () => {
    const id = randomUUID();
    const all = await Promise.all(
      Array.from({ length: 3 }, () => create(id, consentBody({ frequencyPerDay: 0 }))),
    );
    for (const response of all) {
      expect(response.statusCode).toBe(400);
      expect(response.headers['idempotent-replayed']).toBeUndefined();
    }
    const rows = await tpp.store.db
      .selectFrom('request_replays')
      .selectAll()
      .where('request_id', '=', id)
      .execute();
    expect(rows).toEqual([]);
  });
});

describe('the replay window', () => {
  it('replays for 24 hours; after that the same request runs anew', async () => {
    const id = randomUUID();
    const first = await create(id);
    offsetMs = 24 * HOUR - 60_000;
    token = await tpp.token('accountinformation private');
    const inside = await create(id);
    expect(inside.headers['idempotent-replayed']).toBe('true');
    expect(inside.json().consentId).toBe(first.json().consentId);

    offsetMs = 24 * HOUR + 1000;
    token = await tpp.token('accountinformation private');
    const after = await create(id);
    expect(after.statusCode, after.body).toBe(201);
    expect(after.headers['idempotent-replayed']).toBeUndefined();
    expect(after.json().consentId).not.toBe(first.json().consentId);
    // ...and from then on, the new answer is the one replayed.
    const again = await create(id);
    expect(again.json().consentId).toBe(after.json().consentId);
  });

  it('a different request after the window is not refused', async () => {
    const id = randomUUID();
    await create(id, consentBody({ frequencyPerDay: 4 }));
    offsetMs = 24 * HOUR + 1000;
    token = await tpp.token('accountinformation private');
    const other = await create(id, consentBody({ frequencyPerDay: 2 }));
    expect(other.statusCode, other.body).toBe(201);
  });
});

describe('a first request that never answered (its instance died)', () => {
  it('holds the id until the stale limit, then the same request takes it over and runs', async () => {
    const id = randomUUID();
    const first = await create(id);
    await tpp.store.db
      .updateTable('request_replays')
      .set({ answered_at: null, response_status: null, response_body: null })
      .set((eb) => ({ claimed_at: eb.ref('received_at') }))
      .where('request_id', '=', id)
      .execute();
    offsetMs = 61_000;
    token = await tpp.token('accountinformation private');
    const retried = await create(id);
    expect(retried.statusCode, retried.body).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(retried.json().consentId).not.toBe(first.json().consentId);
    expect((await create(id)).json().consentId).toBe(retried.json().consentId);
  });
});

describe('the other consent operations', () => {
  it('DELETE again with the same X-Request-ID is answered 204 again, marked replayed', async () => {
    const consentId = (await create(randomUUID())).json().consentId;
    const id = randomUUID();
    const deleted = await call('DELETE', `${BASE}/${consentId}`, { requestId: id });
    expect(deleted.statusCode).toBe(204);
    const again = await call('DELETE', `${BASE}/${consentId}`, { requestId: id });
    expect(again.statusCode).toBe(204);
    expect(again.body).toBe('');
    expect(again.headers['idempotent-replayed']).toBe('true');
    const status = await call('GET', `${BASE}/${consentId}/status`);
    expect(status.json()).toEqual({ consentStatus: 'terminatedByTpp' });
  });

  it('starting an authorisation and choosing BankID again start nothing new; the stored answer is sealed', async () => {
    const consentId = (await create(randomUUID())).json().consentId;
    const startId = randomUUID();
    const started = await call('POST', `${BASE}/${consentId}/authorisations`, {
      requestId: startId,
    });
    expect(started.statusCode, started.body).toBe(201);
    const startedAgain = await call('POST', `${BASE}/${consentId}/authorisations`, {
      requestId: startId,
    });
    expect(startedAgain.headers['idempotent-replayed']).toBe('true');
    expect(startedAgain.json()).toEqual(started.json());
    expect(startedAgain.headers.location).toBe(started.headers.location);
    const list = await call('GET', `${BASE}/${consentId}/authorisations`);
    expect(list.json().authorisationIds).toHaveLength(1);

    const path = new URL(started.headers.location as string).pathname;
    const putId = randomUUID();
    const body = { authenticationMethodId: 'mbid' };
    const put = await call('PUT', path, { requestId: putId, body });
    expect(put.statusCode, put.body).toBe(200);
    const putAgain = await call('PUT', path, { requestId: putId, body });
    expect(putAgain.statusCode).toBe(200);
    expect(putAgain.headers['idempotent-replayed']).toBe('true');
    expect(putAgain.headers['aspsp-sca-approach']).toBe('DECOUPLED');
    const autoStartToken = put.json().challengeData.data[0] as string;
    expect(putAgain.json().challengeData.data[0]).toBe(autoStartToken);

    const rows = await tpp.store.db.selectFrom('request_replays').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(autoStartToken);
  });
});
