/**
 * The Consent API (`/psd2/consent/v1`) over HTTP, with the sandbox banks reached over real HTTP:
 * creation and its validation, reading, deletion, authorisations and the decoupled (BankID)
 * SCA, ownership, bank faults. Every response is checked against the NextGenPSD2 contract.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectContract } from '../support/contract.js';
import { consentHistory } from '../support/status-history.js';
import {
  startTestPlatform,
  TEST_API_URL,
  TEST_AUTH_URL,
  type TestPlatform,
} from '../support/test-platform.js';

const BASE = '/psd2/consent/v1/consents';
const ANNA = '198301014882';
const PSU = { 'psu-ip-address': '192.0.2.10', 'psu-user-agent': 'Mozilla/5.0 (test)' };

let tpp: TestPlatform;
let token: string;
let otherToken: string;

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const guideBody = (overrides: Record<string, unknown> = {}) => ({
  access: {},
  combinedServiceIndicator: false,
  frequencyPerDay: 4,
  recurringIndicator: true,
  validUntil: inDays(30),
  ...overrides,
});

interface CallOptions {
  bic?: string;
  body?: unknown;
  headers?: Record<string, string>;
  as?: string;
}

async function call(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  options: CallOptions = {},
) {
  const response = await tpp.api.inject({
    method,
    url,
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${options.as ?? token}`,
      'content-type': 'application/json',
      'x-request-id': randomUUID(),
      ...(options.bic ? { 'x-bicfi': options.bic } : {}),
      ...PSU,
      ...options.headers,
    },
    ...(options.body === undefined
      ? {}
      : {
          payload: typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
        }),
  });
  expectContract(response);
  return response;
}

async function createConsent(
  bic: string,
  body: unknown = guideBody(),
  headers: Record<string, string> = {},
) {
  const response = await call('POST', BASE, { bic, body, headers });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().consentId as string;
}

async function consentCount(): Promise<number> {
  const row = await tpp.store.db
    .selectFrom('consents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function errorOf(response: { statusCode: number; json(): unknown }) {
  const body = response.json() as {
    tppMessages: { category: string; code: string; text: string }[];
  };
  expect(body.tppMessages).toHaveLength(1);
  return body.tppMessages[0] as { category: string; code: string; text: string };
}

beforeAll(async () => {
  tpp = await startTestPlatform({ sandbox: true });
  token = await tpp.token('accountinformation private');
  const other = await tpp.platform.clients.create({ name: 'Other TPP', redirectUris: [] });
  otherToken = await tpp.tokenFor(
    { id: other.client.id, secret: other.secret },
    'accountinformation private',
  );
});

afterAll(async () => {
  await tpp?.close();
});

describe('POST /consents', () => {
  it('creates a consent as the integration guide asks, at a decoupled bank', async () => {
    const response = await call('POST', BASE, { bic: 'SWEDSESS', body: guideBody() });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      consentStatus: 'received',
      scaMethods: [
        { authenticationType: 'PUSH_OTP', authenticationMethodId: 'mbid' },
        { authenticationType: 'PUSH_OTP', authenticationMethodId: 'mbid_animated_qr_image' },
        { authenticationType: 'PUSH_OTP', authenticationMethodId: 'mbid_animated_qr_token' },
        { authenticationMethodId: 'redirect' },
      ],
    });
    const self = `${BASE}/${body.consentId}`;
    expect(body._links).toEqual({
      self: { href: self },
      status: { href: `${self}/status` },
      startAuthorisation: { href: `${self}/authorisations` },
    });
    expect(response.headers.location).toBe(`${TEST_API_URL}${self}`);
    expect(response.headers['aspsp-sca-approach']).toBe('DECOUPLED');
  });

  it('takes the redirect approach at a redirect bank, and decoupled when the TPP prefers no redirect', async () => {
    const redirect = await call('POST', BASE, { bic: 'ESSESESS', body: guideBody() });
    expect(redirect.headers['aspsp-sca-approach']).toBe('REDIRECT');
    expect(redirect.json().scaMethods[0].authenticationMethodId).toBe('redirect');
    const decoupled = await call('POST', BASE, {
      bic: 'ESSESESS',
      body: guideBody(),
      headers: { 'tpp-redirect-preferred': 'false' },
    });
    expect(decoupled.headers['aspsp-sca-approach']).toBe('DECOUPLED');
    expect(decoupled.json().scaMethods[0].authenticationMethodId).toBe('mbid');
  });

  it('caps validUntil and frequencyPerDay at what the bank allows, and GET returns the capped values', async () => {
    const bank = tpp.platform.registry.aspsps.find((a) => a.bicFi === 'SWEDSESS');
    if (!bank) throw new Error('SWEDSESS is not in the registry');
    const id = await createConsent(
      'SWEDSESS',
      guideBody({ validUntil: '2099-12-31', frequencyPerDay: 1000 }),
    );
    const consent = (await call('GET', `${BASE}/${id}`)).json();
    expect(consent.validUntil).toBe(inDays(bank.consent.maxValidityDays));
    expect(consent.frequencyPerDay).toBe(bank.consent.maxFrequencyPerDay);
  });

  it('keeps a one-off consent at one read a day', async () => {
    const id = await createConsent(
      'SWEDSESS',
      guideBody({ recurringIndicator: false, frequencyPerDay: 4 }),
    );
    expect((await call('GET', `${BASE}/${id}`)).json().frequencyPerDay).toBe(1);
  });

  it('ignores unknown fields and a status the client sends', async () => {
    const id = await createConsent(
      'SWEDSESS',
      guideBody({ consentStatus: 'valid', lastActionDate: '2020-01-01', colour: 'blue' }),
    );
    const consent = (await call('GET', `${BASE}/${id}`)).json();
    expect(consent.consentStatus).toBe('received');
    expect(consent).not.toHaveProperty('colour');
    expect(consent.lastActionDate).not.toBe('2020-01-01');
  });

  const refusals: Array<[string, CallOptions, number, string, RegExp]> = [
    [
      'validUntil in the past',
      { bic: 'SWEDSESS', body: guideBody({ validUntil: '2020-01-01' }) },
      400,
      'FORMAT_ERROR',
      /validUntil/,
    ],
    [
      'validUntil not a date',
      { bic: 'SWEDSESS', body: guideBody({ validUntil: '23/04/2027' }) },
      400,
      'FORMAT_ERROR',
      /validUntil/,
    ],
    [
      'frequencyPerDay 0',
      { bic: 'SWEDSESS', body: guideBody({ frequencyPerDay: 0 }) },
      400,
      'FORMAT_ERROR',
      /frequencyPerDay/,
    ],
    [
      'access missing',
      { bic: 'SWEDSESS', body: { ...guideBody(), access: undefined } },
      400,
      'FORMAT_ERROR',
      /access/,
    ],
    [
      'balances outside accounts',
      {
        bic: 'SWEDSESS',
        body: guideBody({
          access: {
            accounts: [{ iban: 'SE3550000000054910000003' }],
            balances: [{ iban: 'SE7280000810340009783242' }],
          },
        }),
      },
      400,
      'FORMAT_ERROR',
      /access\.balances\[0\]/,
    ],
    [
      'allPsd2 at a bank without it',
      { bic: 'HANDSESS', body: guideBody({ access: { allPsd2: 'allAccounts' } }) },
      400,
      'SERVICE_INVALID',
      /allPsd2/,
    ],
    [
      'a body that is not JSON',
      { bic: 'SWEDSESS', body: '{"access":' },
      400,
      'FORMAT_ERROR',
      /JSON/,
    ],
    ['no X-BicFi', { body: guideBody() }, 400, 'FORMAT_ERROR', /X-BicFi/],
    ['an unknown BIC', { bic: 'NOSUCHBK', body: guideBody() }, 400, 'FORMAT_ERROR', /NOSUCHBK/],
    [
      'no PSU-IP-Address where the bank requires it',
      { bic: 'SWEDSESS', body: guideBody(), headers: { 'psu-ip-address': '' } },
      400,
      'FORMAT_ERROR',
      /PSU-IP-Address/,
    ],
    [
      'TPP-Redirect-Preferred not a boolean',
      { bic: 'SWEDSESS', body: guideBody(), headers: { 'tpp-redirect-preferred': 'maybe' } },
      400,
      'FORMAT_ERROR',
      /TPP-Redirect-Preferred/,
    ],
  ];
  it.each(refusals)('refuses %s and stores nothing', async (_name, options, status, code, text) => {
    const before = await consentCount();
    const response = await call('POST', BASE, options);
    expect(response.statusCode, response.body).toBe(status);
    const error = errorOf(response);
    expect(error.code).toBe(code);
    expect(error.text).toMatch(text);
    expect(await consentCount()).toBe(before);
  });

  it('needs a token for account information', async () => {
    const aspsp = await tpp.token('aspspinformation private');
    const response = await call('POST', BASE, { bic: 'SWEDSESS', body: guideBody(), as: aspsp });
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe('SERVICE_BLOCKED');
    const none = await call('POST', BASE, {
      bic: 'SWEDSESS',
      body: guideBody(),
      as: 'not-a-token',
    });
    expect(none.statusCode).toBe(401);
  });
});

describe('reading and deleting', () => {
  it('shows the consent as created, with its status and lastActionDate', async () => {
    const access = {
      accounts: [{ iban: 'SE3550000000054910000003' }],
      balances: [{ iban: 'SE3550000000054910000003' }],
    };
    const id = await createConsent('HANDSESS', guideBody({ access }));
    const response = await call('GET', `${BASE}/${id}`, { bic: 'HANDSESS' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      access,
      recurringIndicator: true,
      validUntil: inDays(30),
      frequencyPerDay: 4,
      consentStatus: 'received',
    });
    expect(response.json().lastActionDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const status = await call('GET', `${BASE}/${id}/status`, { bic: 'HANDSESS' });
    expect(status.json()).toEqual({ consentStatus: 'received' });
  });

  it('refuses an X-BicFi that names another bank than the consent is at', async () => {
    const id = await createConsent(
      'HANDSESS',
      guideBody({ access: { accounts: [{ iban: 'SE3550000000054910000003' }] } }),
    );
    const response = await call('GET', `${BASE}/${id}/status`, { bic: 'SWEDSESS' });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).text).toMatch(/HANDSESS/);
  });

  it('deletes a consent here and at the bank, once', async () => {
    const id = await createConsent('SWEDSESS');
    const deleted = await call('DELETE', `${BASE}/${id}`, { bic: 'SWEDSESS' });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expect((await call('GET', `${BASE}/${id}/status`)).json().consentStatus).toBe(
      'terminatedByTpp',
    );

    const row = await tpp.store.db
      .selectFrom('consents')
      .select('bank_consent_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const atBank = await fetch(
      `${tpp.sandboxUrl}/banks/SWEDSESS/v1/consents/${row.bank_consent_id}/status`,
      {
        headers: {
          'tpp-client-id': tpp.platform.config.bankCredentials.clientId,
          'x-request-id': randomUUID(),
        },
      },
    );
    expect(((await atBank.json()) as { consentStatus: string }).consentStatus).toBe(
      'terminatedByTpp',
    );

    const again = await call('DELETE', `${BASE}/${id}`);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('STATUS_INVALID');
  });

  it("answers another client's consent exactly like an unknown one, and changes nothing", async () => {
    const id = await createConsent('SWEDSESS');
    const auth = await call('POST', `${BASE}/${id}/authorisations`);
    const aid = auth.json().authorisationId;
    const unknown = await call('GET', `${BASE}/${randomUUID()}`);
    expect(unknown.statusCode).toBe(403);
    expect(errorOf(unknown).code).toBe('CONSENT_UNKNOWN');
    const attempts: Array<['GET' | 'POST' | 'PUT' | 'DELETE', string, unknown]> = [
      ['GET', `${BASE}/${id}`, undefined],
      ['GET', `${BASE}/${id}/status`, undefined],
      ['DELETE', `${BASE}/${id}`, undefined],
      ['POST', `${BASE}/${id}/authorisations`, undefined],
      ['GET', `${BASE}/${id}/authorisations`, undefined],
      ['GET', `${BASE}/${id}/authorisations/${aid}`, undefined],
      ['PUT', `${BASE}/${id}/authorisations/${aid}`, { authenticationMethodId: 'mbid' }],
    ];
    for (const [method, url, body] of attempts) {
      const response = await call(method, url, { as: otherToken, body });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json()).toEqual(unknown.json());
    }
    expect((await call('GET', `${BASE}/${id}/status`)).json().consentStatus).toBe('received');
    expect((await call('GET', `${BASE}/${id}/authorisations`)).json().authorisationIds).toEqual([
      aid,
    ]);
    expect((await call('GET', `${BASE}/${id}/authorisations/${aid}`)).json().scaStatus).toBe(
      'received',
    );
  });
});

describe('authorisations and the decoupled SCA', () => {
  it('runs the guide: start, choose Mobilt BankID, the PSU approves, the consent is valid', async () => {
    const id = await createConsent('SWEDSESS');
    // The guide sends Content-Type: application/json and no body.
    const started = await call('POST', `${BASE}/${id}/authorisations`, { bic: 'SWEDSESS' });
    expect(started.statusCode, started.body).toBe(201);
    const { authorisationId, scaMethods, scaStatus } = started.json();
    expect(scaStatus).toBe('received');
    expect(scaMethods[0]).toMatchObject({
      authenticationType: 'PUSH_OTP',
      authenticationMethodId: 'mbid',
    });
    const resource = started.headers.location as string;
    expect(resource).toBe(`${TEST_API_URL}${BASE}/${id}/authorisations/${authorisationId}`);

    const list = await call('GET', `${BASE}/${id}/authorisations`);
    expect(list.json()).toEqual({ authorisationIds: [authorisationId] });

    const put = await call('PUT', new URL(resource).pathname, {
      bic: 'SWEDSESS',
      body: { authenticationMethodId: scaMethods[0].authenticationMethodId },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.headers['aspsp-sca-approach']).toBe('DECOUPLED');
    const { challengeData, psuMessage } = put.json();
    const autoStartToken = challengeData.data[0] as string;
    expect(autoStartToken).toMatch(/^[A-Za-z0-9-]{8,}$/);
    expect(challengeData.image).toMatch(/^data:image\/png;base64,/);
    expect(psuMessage).toEqual(expect.any(String));

    expect((await call('GET', `${BASE}/${id}/status`)).json().consentStatus).toBe('received');
    const approve = await fetch(`${tpp.sandboxUrl}/bankid/api/orders/${autoStartToken}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'approve', psuId: ANNA }),
    });
    expect(approve.status).toBe(200);

    // The guide polls only the consent status.
    const status = await call('GET', `${BASE}/${id}/status`, { bic: 'SWEDSESS' });
    expect(status.json()).toEqual({ consentStatus: 'valid' });
    const sca = await call('GET', `${BASE}/${id}/authorisations/${authorisationId}`);
    expect(sca.json()).toEqual({ scaStatus: 'finalised' });
    // A bank-offered consent shows what the PSU granted at the bank.
    const consent = (await call('GET', `${BASE}/${id}`)).json();
    expect(consent.access.accounts.length).toBeGreaterThan(0);

    const events = await consentHistory(tpp.platform.store.db, id);
    expect(events.map((e) => e.to_status)).toEqual(
      expect.arrayContaining(['received', 'started', 'finalised', 'valid']),
    );
    expect(events.every((e) => e.request_id && e.at)).toBe(true);

    const again = await call('POST', `${BASE}/${id}/authorisations`);
    expect(again.statusCode).toBe(409);
  });

  it('reports the PSU opening the app, then a denial: SCA failed, consent rejected', async () => {
    const id = await createConsent('SWEDSESS');
    const aid = (await call('POST', `${BASE}/${id}/authorisations`)).json().authorisationId;
    const put = await call('PUT', `${BASE}/${id}/authorisations/${aid}`, {
      body: { authenticationMethodId: 'mbid' },
    });
    const autoStartToken = put.json().challengeData.data[0];
    const order = `${tpp.sandboxUrl}/bankid/api/orders/${autoStartToken}`;
    const post = (body: unknown) =>
      fetch(order, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await post({ action: 'open', psuId: ANNA });
    const opened = await call('GET', `${BASE}/${id}/authorisations/${aid}`);
    expect(['started', 'authenticationStarted', 'psuIdentified']).toContain(
      opened.json().scaStatus,
    );
    await post({ action: 'deny' });
    expect((await call('GET', `${BASE}/${id}/authorisations/${aid}`)).json().scaStatus).toBe(
      'failed',
    );
    expect((await call('GET', `${BASE}/${id}/status`)).json().consentStatus).toBe('rejected');
  });

  it('refuses a method the bank does not offer, and a second choice on one authorisation', async () => {
    const id = await createConsent(
      'HANDSESS',
      guideBody({ access: { accounts: [{ iban: 'SE3550000000054910000003' }] } }),
    );
    const aid = (await call('POST', `${BASE}/${id}/authorisations`)).json().authorisationId;
    const wrong = await call('PUT', `${BASE}/${id}/authorisations/${aid}`, {
      body: { authenticationMethodId: 'sms' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).text).toMatch(/authenticationMethodId/);
    const missing = await call('PUT', `${BASE}/${id}/authorisations/${aid}`);
    expect(missing.statusCode).toBe(400);
    expect((await call('GET', `${BASE}/${id}/authorisations/${aid}`)).json().scaStatus).toBe(
      'received',
    );
    const first = await call('PUT', `${BASE}/${id}/authorisations/${aid}`, {
      body: { authenticationMethodId: 'mbid' },
    });
    expect(first.statusCode).toBe(200);
    const second = await call('PUT', `${BASE}/${id}/authorisations/${aid}`, {
      body: { authenticationMethodId: 'mbid' },
    });
    expect(second.statusCode).toBe(409);
    expect(errorOf(second).code).toBe('STATUS_INVALID');
    const unknown = await call('GET', `${BASE}/${id}/authorisations/${randomUUID()}`);
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).code).toBe('RESOURCE_UNKNOWN');
  });

  it('gives the redirect link with the placeholders the guide fills in', async () => {
    const id = await createConsent('NDEASESS');
    const started = (await call('POST', `${BASE}/${id}/authorisations`)).json();
    const put = await call('PUT', `${BASE}/${id}/authorisations/${started.authorisationId}`, {
      body: { authenticationMethodId: started.scaMethods[0].authenticationMethodId },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.headers['aspsp-sca-approach']).toBe('REDIRECT');
    expect(put.json()._links.scaOAuth.href).toBe(
      `${TEST_AUTH_URL}/connect/authorize?client_id=[CLIENT_ID]&scope=accountinformation%20private&response_type=code&redirect_uri=[TPP_REDIRECT_URI]&state=[TPP_STATE]&acr_values=idp:NDEASESS%20consentId:${id}%20consentAuthorisationId:${started.authorisationId}`,
    );
  });
});

describe('when the bank fails', () => {
  afterEach(async () => {
    await tpp.admin('DELETE', '/banks/SWEDSESS/faults');
  });

  for (const [name, faults] of [
    ['answers 503', { error503Rate: 1 }],
    ['answers with an HTML error page', { error500Rate: 1, htmlErrors: true }],
    ['drops the connection', { dropRate: 1 }],
  ] as const) {
    it(`reports a bank that ${name} as 503 and stores no consent`, async () => {
      await tpp.admin('PUT', '/banks/SWEDSESS/faults', faults);
      const before = await consentCount();
      const response = await call('POST', BASE, { bic: 'SWEDSESS', body: guideBody() });
      expect(response.statusCode).toBe(503);
      const error = errorOf(response);
      expect(error.code).toBe('SERVICE_UNAVAILABLE');
      expect(error.text).toMatch(/SWEDSESS/);
      expect(await consentCount()).toBe(before);
    });
  }

  it('leaves the authorisation as it was when the bank fails to start the SCA, so the TPP can retry', async () => {
    const id = await createConsent('SWEDSESS');
    const aid = (await call('POST', `${BASE}/${id}/authorisations`)).json().authorisationId;
    await tpp.admin('PUT', '/banks/SWEDSESS/faults', { error503Rate: 1 });
    const failed = await call('PUT', `${BASE}/${id}/authorisations/${aid}`, {
      body: { authenticationMethodId: 'mbid' },
    });
    expect(failed.statusCode).toBe(503);
    expect((await call('GET', `${BASE}/${id}/authorisations/${aid}`)).json().scaStatus).toBe(
      'received',
    );
    await tpp.admin('DELETE', '/banks/SWEDSESS/faults');
    const retried = await call('PUT', `${BASE}/${id}/authorisations/${aid}`, {
      body: { authenticationMethodId: 'mbid' },
    });
    expect(retried.statusCode).toBe(200);
  });
});

describe('corporate consents', () => {
  it('needs a corporate token for a PSU-Corporate-ID, and keeps the context for the SCA link', async () => {
    const refused = await call('POST', BASE, {
      bic: 'NDEASESS',
      body: guideBody(),
      headers: { 'psu-corporate-id': '5566771234' },
    });
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).code).toBe('SERVICE_BLOCKED');

    const corporate = await tpp.token('accountinformation corporate');
    const created = await call('POST', BASE, {
      bic: 'NDEASESS',
      body: guideBody(),
      headers: { 'psu-corporate-id': '5566771234' },
      as: corporate,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().consentId;
    const aid = (await call('POST', `${BASE}/${id}/authorisations`, { as: corporate })).json()
      .authorisationId;
    const put = await call('PUT', `${BASE}/${id}/authorisations/${aid}`, {
      as: corporate,
      body: { authenticationMethodId: 'redirect' },
    });
    expect(put.json()._links.scaOAuth.href).toContain('scope=accountinformation%20corporate');
  });
});

describe('polling from two places at once', () => {
  it('finalises the consent once when two polls see the approval together', async () => {
    const id = await createConsent('SWEDSESS');
    const aid = (await call('POST', `${BASE}/${id}/authorisations`)).json().authorisationId;
    const put = await call('PUT', `${BASE}/${id}/authorisations/${aid}`, {
      body: { authenticationMethodId: 'mbid' },
    });
    await fetch(`${tpp.sandboxUrl}/bankid/api/orders/${put.json().challengeData.data[0]}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'approve', psuId: ANNA }),
    });
    const polls = await Promise.all([
      call('GET', `${BASE}/${id}/status`),
      call('GET', `${BASE}/${id}/status`),
      call('GET', `${BASE}/${id}/authorisations/${aid}`),
    ]);
    for (const poll of polls) expect(poll.statusCode, poll.body).toBe(200);
    expect((await call('GET', `${BASE}/${id}/status`)).json().consentStatus).toBe('valid');
    const events = await consentHistory(tpp.store.db, id);
    expect(events.filter((e) => e.to_status === 'valid')).toHaveLength(1);
    expect(events.filter((e) => e.to_status === 'finalised')).toHaveLength(1);
  });
});

describe('a poll that comes while another redeems the bank grant', () => {
  afterAll(async () => {
    await tpp.admin('DELETE', '/banks/SWEDSESS/faults');
  });

  it('leaves the grant to the first poller, which finalises the consent', async () => {
    const id = await createConsent('SWEDSESS');
    const aid = (await call('POST', `${BASE}/${id}/authorisations`)).json().authorisationId;
    const put = await call('PUT', `${BASE}/${id}/authorisations/${aid}`, {
      body: { authenticationMethodId: 'mbid' },
    });
    await fetch(`${tpp.sandboxUrl}/bankid/api/orders/${put.json().challengeData.data[0]}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'approve', psuId: ANNA }),
    });
    // Every bank call takes 300 ms: the second poll reads the bank's "finalised" while the
    // first is still exchanging the grant and reading what the PSU picked, so it claims the
    // authorisation after the first did and finds the tokens already handed out.
    await tpp.admin('PUT', '/banks/SWEDSESS/faults', { latencyMs: 300 });
    const first = call('GET', `${BASE}/${id}/status`);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const second = call('GET', `${BASE}/${id}/authorisations/${aid}`);
    const [firstPoll, secondPoll] = await Promise.all([first, second]);
    expect(firstPoll.statusCode, firstPoll.body).toBe(200);
    expect(secondPoll.statusCode, secondPoll.body).toBe(200);
    await tpp.admin('DELETE', '/banks/SWEDSESS/faults');

    expect((await call('GET', `${BASE}/${id}/status`)).json().consentStatus).toBe('valid');
    expect((await call('GET', `${BASE}/${id}/authorisations/${aid}`)).json().scaStatus).toBe(
      'finalised',
    );
  });
});

describe('a bank that does not answer in time', () => {
  let slow: TestPlatform;
  beforeAll(async () => {
    slow = await startTestPlatform({
      sandbox: { bankFaults: { SWEDSESS: { timeoutRate: 1, timeoutMs: 5_000 } } },
      env: { BANKBRIDGE_BANK_TIMEOUT_MS: '300' },
    });
  });
  afterAll(async () => slow?.close());

  it('is reported as 503 within the deadline, and no consent is stored', async () => {
    const token = await slow.token('accountinformation private');
    const started = Date.now();
    const response = await slow.api.inject({
      method: 'POST',
      url: BASE,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'x-request-id': randomUUID(),
        'x-bicfi': 'SWEDSESS',
        ...PSU,
      },
      payload: JSON.stringify(guideBody()),
    });
    expect(Date.now() - started).toBeLessThan(3_000);
    expectContract(response);
    expect(response.statusCode).toBe(503);
    expect(errorOf(response).text).toMatch(/SWEDSESS/);
    const rows = await slow.store.db.selectFrom('consents').select('id').execute();
    expect(rows).toHaveLength(0);
  });
});
