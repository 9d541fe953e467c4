import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SealedBox } from '../../src/security/sealed-box.js';
import {
  type AuthorisationRecord,
  AuthorisationsRepository,
} from '../../src/store/authorisations.js';
import { CONFLICT, type ConsentRecord, ConsentsRepository } from '../../src/store/consents.js';
import type { JointWrite } from '../../src/store/joint-write.js';
import { newConsent } from '../support/store-records.js';
import { createTestStore, type TestStore } from '../support/test-store.js';

let store: TestStore;
let repo: ConsentsRepository;
let auth: AuthorisationsRepository;
const box = new SealedBox(Buffer.alloc(32, 7));

const consent = newConsent;

const ref = (created: ConsentRecord) => ({ kind: 'consent', id: created.id });

beforeAll(async () => {
  store = await createTestStore();
  const now = () => new Date('2026-11-21T10:00:00Z');
  repo = new ConsentsRepository(store.db, box, now);
  auth = new AuthorisationsRepository(store.db, box, now);
});
afterAll(async () => store?.destroy());

describe('authorisations', () => {
  it('keeps the chosen method and the animated QR start, its secret sealed at rest', async () => {
    const created = await repo.create(consent(), { reason: 'created' });
    const a = await auth.create(ref(created), { scaStatus: 'received' }, { reason: 'start' });
    expect(a).toMatchObject({ scaMethod: null, qrStartToken: null, qrStartedAt: null });
    expect(await auth.qrStartSecret(a.id)).toBeUndefined();
    const secret = 'd28db9a7-4cde-429e-a983-359be676944c';
    const started = await auth.change(
      a,
      'started',
      { reason: 'put' },
      {
        scaMethod: 'mbid_animated_qr_token',
        qrStart: { token: 'qr-token-1', secret, startedAt: '2026-11-21T10:00:00.500Z' },
      },
    );
    expect(started).toMatchObject({
      scaMethod: 'mbid_animated_qr_token',
      qrStartToken: 'qr-token-1',
      qrStartedAt: '2026-11-21T10:00:00.500Z',
    });
    expect(await auth.qrStartSecret(a.id)).toBe(secret);
    const row = await store.db
      .selectFrom('sca_authorisations')
      .select('qr_start_secret')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(row.qr_start_secret).toBeTruthy();
    expect(row.qr_start_secret).not.toContain(secret);
    expect(JSON.stringify(started)).not.toContain(secret);
  });

  it('answers a change with exactly what a read of the row answers afterwards', async () => {
    const created = await repo.create(consent(), { reason: 'created' });
    let current = await auth.create(ref(created), { scaStatus: 'received' }, { reason: 'start' });
    const steps: Array<[string, Parameters<AuthorisationsRepository['change']>[3]]> = [
      ['psuIdentified', { scaApproach: 'DECOUPLED', scaMethod: 'mbid' }],
      [
        'started',
        {
          bankAuthorisationId: 'bank-auth-1',
          autoStartToken: 'auto-1',
          psuMessage: 'Open your BankID app',
          qrStart: { token: 'qr-1', secret: 's', startedAt: '2026-11-21T10:00:01.000Z' },
          bankExchange: { codeVerifier: 'v', redirectUri: 'https://tpp.example/cb' },
        },
      ],
      ['started', { redeemingAt: '2026-11-21T10:00:02.000Z', psuMessage: null }],
      ['finalised', { redeemingAt: null, bankExchange: null }],
      ['finalised', {}],
    ];
    for (const [status, changes] of steps) {
      const changed = await auth.change(current, status, { reason: 'step' }, changes);
      if (changed === CONFLICT) throw new Error('conflict');
      expect(changed).toEqual(await auth.find(ref(created), current.id));
      current = changed;
    }
    expect(current).toMatchObject({ scaStatus: 'finalised', version: 6, redeemingAt: null });
  });

  it('lists, finds within their consent and changes with a version check', async () => {
    const created = await repo.create(consent(), { reason: 'created' });
    const a = await auth.create(ref(created), { scaStatus: 'received' }, { reason: 'start' });
    const b = await auth.create(ref(created), { scaStatus: 'received' }, { reason: 'start' });
    expect((await auth.list(ref(created))).map((row) => row.id)).toEqual([a.id, b.id]);
    expect(await auth.find({ kind: 'consent', id: 'other-consent' }, a.id)).toBeUndefined();

    const started = await auth.change(
      a,
      'started',
      { reason: 'put' },
      {
        scaApproach: 'DECOUPLED',
        autoStartToken: 'token-1',
      },
    );
    expect(started).toMatchObject({ scaStatus: 'started', scaApproach: 'DECOUPLED', version: 2 });
    expect(await auth.change(a, 'failed', { reason: 'stale read' })).toBe(CONFLICT);
    const events = await auth.events(ref(created));
    expect(events.filter((e) => e.authorisation_id === a.id).map((e) => e.to_status)).toEqual([
      'received',
      'started',
    ]);
  });
});

describe('an authorisation changed with a write made from it', () => {
  it('hands the write the authorisation as written, and tells it once committed', async () => {
    const created = await repo.create(consent(), { reason: 'created' });
    const a = await auth.create(ref(created), { scaStatus: 'received' }, { reason: 'start' });
    const seen: AuthorisationRecord[] = [];
    let told = 0;
    const alongside = (written: AuthorisationRecord): JointWrite => {
      seen.push(written);
      return { run: async () => true, landed: () => told++ };
    };
    const changes = { scaApproach: 'DECOUPLED', scaMethod: 'mbid' };
    const started = await auth.change(a, 'started', { reason: 'put' }, changes, alongside);
    expect(started).not.toBe(CONFLICT);
    expect(seen).toEqual([started]);
    expect(seen[0]).toEqual(await auth.find(ref(created), a.id));
    expect(told).toBe(1);

    // Made from the stale read too, but neither lands, and it is not told.
    const stale = await auth.change(a, 'failed', { reason: 'stale' }, {}, alongside);
    expect(stale).toBe(CONFLICT);
    expect(told).toBe(1);
    expect(await auth.find(ref(created), a.id)).toMatchObject({ scaStatus: 'started' });
  });
});

describe('an authorisation and its resource changed together', () => {
  it('writes neither when the authorisation changed since it was read', async () => {
    const created = await repo.create(consent(), { reason: 'created' });
    const authorisation = await auth.create(
      ref(created),
      { scaStatus: 'started', scaApproach: 'REDIRECT' },
      { reason: 'authorisation started' },
    );
    const moved = await auth.change(authorisation, 'psuAuthenticated', { reason: 'x' });
    expect(moved).not.toBe(CONFLICT);
    const cause = { reason: 'sca finalised' };
    const result = await auth.change(
      authorisation,
      'finalised',
      cause,
      {},
      repo.write(
        {
          read: created,
          status: 'valid',
          bankTokens: {
            accessToken: 'at',
            refreshToken: 'rt',
            expiresAt: 1,
            refreshExpiresAt: null,
          },
        },
        cause,
      ),
    );
    expect(result).toBe(CONFLICT);
    expect((await repo.get(created.id))?.status).toBe('received');
    expect(await repo.bankTokens(created.id)).toBeUndefined();
    expect((await repo.events(created.id)).map((e) => e.to_status)).not.toContain('valid');
  });

  it('writes both, with the tokens sealed and the bank exchange cleared', async () => {
    const created = await repo.create(consent(), { reason: 'created' });
    const authorisation = await auth.create(
      ref(created),
      { scaStatus: 'started', scaApproach: 'REDIRECT' },
      { reason: 'authorisation started' },
    );
    const withCode = await auth.change(
      authorisation,
      'psuAuthenticated',
      { reason: 'back from the bank' },
      { bankExchange: { codeVerifier: 'v', redirectUri: 'https://cb', code: 'bank-code' } },
    );
    if (withCode === CONFLICT) throw new Error('conflict');
    expect(await auth.bankExchange(authorisation.id)).toEqual({
      codeVerifier: 'v',
      redirectUri: 'https://cb',
      code: 'bank-code',
    });
    const raw = await store.db
      .selectFrom('sca_authorisations')
      .select('bank_exchange')
      .where('id', '=', authorisation.id)
      .executeTakeFirstOrThrow();
    expect(raw.bank_exchange).not.toContain('bank-code');

    const cause = { reason: 'sca finalised', requestId: 'req-9' };
    const result = await auth.change(
      withCode,
      'finalised',
      cause,
      { bankExchange: null },
      repo.write(
        {
          read: created,
          status: 'valid',
          bankTokens: {
            accessToken: 'at',
            refreshToken: 'rt',
            expiresAt: 1,
            refreshExpiresAt: null,
          },
        },
        cause,
      ),
    );
    expect(result).not.toBe(CONFLICT);
    expect((await repo.get(created.id))?.status).toBe('valid');
    expect((await repo.bankTokens(created.id))?.accessToken).toBe('at');
    expect(await auth.bankExchange(authorisation.id)).toBeUndefined();
    const events = [...(await repo.events(created.id)), ...(await auth.events(ref(created)))];
    expect(
      events
        .filter((e) => e.request_id === 'req-9')
        .map((e) => e.to_status)
        .sort(),
    ).toEqual(['finalised', 'valid']);
  });
});
