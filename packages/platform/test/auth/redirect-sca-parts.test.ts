import { randomBytes } from 'node:crypto';
import { errors } from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_RULES } from '../../src/auth/client-rules.js';
import {
  loginAccountId,
  parseAcrValues,
  parseLoginAccountId,
} from '../../src/auth/login-parameters.js';
import { oidcAdapterFactory } from '../../src/auth/oidc-adapter.js';
import { openBankState, sealBankState } from '../../src/auth/redirect-sca.js';
import { SealedBox } from '../../src/security/sealed-box.js';
import { ClientsRepository } from '../../src/store/clients.js';
import { createTestStore, TEST_DB, type TestStore } from '../support/test-store.js';

describe('acr_values of the scaOAuth link', () => {
  it('reads the three parts as the link has them', () => {
    expect(parseAcrValues('idp:ESSESESS consentId:c-1_x.y consentAuthorisationId:a~2')).toEqual({
      ok: true,
      target: { bic: 'ESSESESS', kind: 'consent', resourceId: 'c-1_x.y', authorisationId: 'a~2' },
    });
  });

  it('takes them in any order and with 11-character BICs', () => {
    const parsed = parseAcrValues('consentAuthorisationId:a consentId:c idp:NDEASESSXXX');
    expect(parsed).toEqual({
      ok: true,
      target: { bic: 'NDEASESSXXX', kind: 'consent', resourceId: 'c', authorisationId: 'a' },
    });
  });

  it.each([
    [undefined, /missing/],
    ['', /missing/],
    ['idp:ESSESESS consentId:c', /consentAuthorisationId is missing/],
    ['consentId:c consentAuthorisationId:a', /idp is missing/],
    ['idp:ESSESESS consentId: consentAuthorisationId:a', /consentId is missing/],
    ['idp:ESSESESS consentId:c consentId:d consentAuthorisationId:a', /given twice/],
    ['idp:ESSESESS consentId:c consentAuthorisationId:a scope:x', /"scope" is not one of them/],
    ['idp:essesess consentId:c consentAuthorisationId:a', /idp "essesess" is malformed/],
    ['idp:ESSESESS consentId:c:d consentAuthorisationId:a', /consentId "c:d" is malformed/],
    ['idp:ESSESESS consentId:c consentAuthorisationId:<a>', /malformed/],
    ['idp:[BIC] consentId:c consentAuthorisationId:a', /malformed/],
  ])('refuses %j', (value, problem) => {
    const parsed = parseAcrValues(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(problem);
  });
});

describe('the state Bankbridge gives the bank', () => {
  const box = new SealedBox(randomBytes(32));
  const state = { uid: 'uid-1', kind: 'consent', resourceId: 'c-1', authorisationId: 'a-1' };

  it('comes back as it went out, and is safe in a query string', () => {
    const sealed = sealBankState(box, state);
    expect(encodeURIComponent(sealed)).toBe(sealed);
    expect(openBankState(box, sealed)).toEqual(state);
  });

  it('tells nothing of what it carries', () => {
    const sealed = sealBankState(box, state);
    expect(sealed).not.toMatch(/uid-1|c-1|a-1/);
    expect(sealBankState(box, state)).not.toBe(sealed);
  });

  it('is refused when changed, truncated, foreign or missing', () => {
    const sealed = sealBankState(box, state);
    const flipped = `${sealed.slice(0, -2)}${sealed.endsWith('AA') ? 'AB' : 'AA'}`;
    expect(openBankState(box, flipped)).toBeUndefined();
    expect(openBankState(box, sealed.slice(0, 20))).toBeUndefined();
    expect(openBankState(new SealedBox(randomBytes(32)), sealed)).toBeUndefined();
    expect(openBankState(box, undefined)).toBeUndefined();
    expect(openBankState(box, '')).toBeUndefined();
    expect(openBankState(box, 'x'.repeat(5000))).toBeUndefined();
  });

  it('refuses a value sealed with the same key for another purpose', () => {
    const other = box.seal(JSON.stringify(['uid-1', 'c-1', 'a-1']));
    expect(openBankState(box, other)).toBeUndefined();
  });
});

describe('the account of a code', () => {
  it('names the consent authorisation and reads back', () => {
    const accountId = loginAccountId({
      kind: 'consent',
      resourceId: 'c-1',
      authorisationId: 'a-1',
    });
    expect(accountId).toBe('consent:c-1:a-1');
    expect(parseLoginAccountId(accountId)).toEqual({
      kind: 'consent',
      resourceId: 'c-1',
      authorisationId: 'a-1',
    });
  });

  it.each([undefined, '', 'consent:c-1', 'consent:c:a:b', 'user:c:a', 'consent::a'])(
    'is not a consent binding: %j',
    (value) => {
      expect(parseLoginAccountId(value)).toBeUndefined();
    },
  );
});

describe(`consuming a code in the store (${TEST_DB})`, () => {
  let store: TestStore;
  let Adapter: ReturnType<typeof oidcAdapterFactory>;

  beforeAll(async () => {
    store = await createTestStore();
    const nowSeconds = () => Math.floor(Date.now() / 1000);
    Adapter = oidcAdapterFactory(
      store.db,
      new ClientsRepository(store.db, CLIENT_RULES),
      nowSeconds,
    );
  });
  afterAll(async () => {
    await store?.destroy();
  });

  async function newCode(): Promise<string> {
    const id = randomBytes(24).toString('base64url');
    await new Adapter('AuthorizationCode').upsert(
      id,
      { jti: id, kind: 'AuthorizationCode', clientId: 'client-1', grantId: 'grant-1' },
      300,
    );
    return id;
  }

  it('marks the code consumed once, and refuses the second time', async () => {
    const id = await newCode();
    const adapter = new Adapter('AuthorizationCode');
    await adapter.consume(id);
    expect((await adapter.find(id))?.consumed).toEqual(expect.any(Number));
    const again = await adapter.consume(id).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(again).toBeInstanceOf(errors.InvalidGrant);
    expect((again as { error_description: string }).error_description).toBe(
      'authorization code was already used',
    );
  });

  it('lets exactly one of many parallel consumptions through', async () => {
    const id = await newCode();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => new Adapter('AuthorizationCode').consume(id)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(errors.InvalidGrant);
    }
  });

  it('refuses a code that does not exist, and leaves other models alone', async () => {
    const id = await newCode();
    const missing = await new Adapter('AuthorizationCode').consume('no-such-code').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(missing).toBeInstanceOf(errors.InvalidGrant);
    const otherModel = await new Adapter('RefreshToken').consume(id).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(otherModel).toBeInstanceOf(errors.InvalidGrant);
    expect((await new Adapter('AuthorizationCode').find(id))?.consumed).toBeUndefined();
  });
});
